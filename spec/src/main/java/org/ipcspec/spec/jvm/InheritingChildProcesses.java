package org.ipcspec.spec.jvm;

import java.util.Map;

/**
 * Capability {@code process.inherit}: pass open descriptors to a child, as fork(2) and exec(2)
 * do.
 *
 * <p>Operation {@code process.spawn} with {@code inherit}, or with a handle as {@code stdin} or
 * {@code stdout}. A plugin that claims it also claims {@code process.spawn} ({@link
 * ChildProcesses}, which serves {@code process.wait}). The child's host learns the handles it
 * inherited through an {@link InheritedHandles} service of the same plugin.
 */
public interface InheritingChildProcesses {

  /**
   * Starts a child participant that inherits descriptors.
   *
   * @param spawn the child's environment; its {@code pipeStdin} and {@code pipeStdout} apply only
   *     where {@code stdin} or {@code stdout} is null
   * @param stdin the endpoint whose descriptor becomes the child's standard input, or null
   * @param stdout the endpoint whose descriptor becomes the child's standard output, or null
   * @param inherit endpoints the child keeps open, by the handle names it knows them under (the
   *     same names as in this agent); may be empty. The parent keeps all of them open.
   */
  ChildProcesses.Child spawn(
      ChildProcesses.Spawn spawn, Endpoint stdin, Endpoint stdout, Map<String, Endpoint> inherit)
      throws IpcException;
}
