package org.ipcspec.spec.jvm;

import java.util.List;

/**
 * Capability {@code signal.mask}: block signals so that they stay pending, see which are pending,
 * and unblock them, as sigprocmask(2) and sigpending(2) do.
 *
 * <p>Operations {@code signal.block}, {@code signal.unblock} and {@code signal.pending}. The mask
 * is the agent's: a blocked signal stays pending whichever thread of the agent it is meant for.
 */
public interface SignalMask {

  /** Adds the signals to the mask; {@code SIGKILL} and {@code SIGSTOP} are silently left out. */
  void block(List<String> signals) throws IpcException;

  /** Removes the signals from the mask; pending ones are delivered now. */
  void unblock(List<String> signals) throws IpcException;

  /** The signals pending for the agent, by name. */
  List<String> pending() throws IpcException;
}
