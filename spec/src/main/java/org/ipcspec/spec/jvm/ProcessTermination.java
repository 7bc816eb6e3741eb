package org.ipcspec.spec.jvm;

/**
 * Capability {@code signal.terminate}: end another process with {@code SIGTERM} or {@code
 * SIGKILL}, or probe that it exists with the null signal.
 *
 * <p>Operation {@code signal.send} with {@code SIGTERM}, {@code SIGKILL} or {@code 0} only. This
 * is for implementations that can end processes but not send them arbitrary signals; one that can
 * send any signal implements {@link SignalSending} (and may implement this too).
 */
public interface ProcessTermination {

  /**
   * The null signal: checks that the process exists and delivers nothing.
   *
   * @throws IpcException {@code ESRCH} when it does not exist, {@code EPERM} when it may not be
   *     signalled
   */
  void probe(long pid) throws IpcException;

  /** Sends {@code SIGTERM}: asks the process to end. */
  void terminate(long pid) throws IpcException;

  /** Sends {@code SIGKILL}: ends the process. */
  void kill(long pid) throws IpcException;
}
