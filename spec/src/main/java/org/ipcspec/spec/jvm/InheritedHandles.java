package org.ipcspec.spec.jvm;

import java.util.Map;

/**
 * The child's side of {@link InheritingChildProcesses}: the handles this agent inherited from
 * the parent that spawned it. Claims no capability; optional, and only useful to a plugin that
 * passes descriptors to its children (it tells them which, for example in an environment
 * variable of its own).
 *
 * <p>The host asks once, at start, and registers each endpoint under its name, next to the
 * predefined {@code stdin} and {@code stdout}.
 */
public interface InheritedHandles {

  /** Endpoints by handle name; empty when this agent inherited none. */
  Map<String, Endpoint> inherited() throws IpcException;
}
