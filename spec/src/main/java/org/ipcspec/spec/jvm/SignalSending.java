package org.ipcspec.spec.jvm;

/**
 * Capability {@code signal.send}: send any signal to another process, or the null signal, as
 * kill(2) does.
 *
 * <p>Operation {@code signal.send} without {@code value}. The host also uses it for {@code
 * SIGTERM}, {@code SIGKILL} and {@code 0} when the plugin has no {@link ProcessTermination}: an
 * agent that claims {@code signal.send} also serves what {@code signal.terminate} names.
 */
public interface SignalSending {

  /**
   * Sends a signal.
   *
   * @param pid the target, a positive process id
   * @param signal a signal(7) name, or {@code "0"}: the null signal, which only checks that the
   *     target exists
   * @throws IpcException {@code ESRCH} when no such process exists, {@code EPERM} when it may not
   *     be signalled, {@code EINVAL} for a signal the system does not know
   */
  void send(long pid, String signal) throws IpcException;
}
