package org.ipcspec.plugins.jdk;

import java.util.function.Consumer;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.SignalCatching;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * signal.handle through {@link Signal} and {@link SignalHandler} (module jdk.unsupported), the
 * JDK's only way to handle signals. Catch installs a handler that reports each delivery; ignore
 * and default install {@link SignalHandler#SIG_IGN} and {@link SignalHandler#SIG_DFL}.
 *
 * <p>What the JDK does, found by experiment on OpenJDK 17 on Linux (see README.md):
 *
 * <ul>
 *   <li>It knows the standard signals by their names without {@code SIG}, and no real-time
 *       signal: {@code new Signal("RTMIN")} throws IllegalArgumentException "Unknown signal:
 *       RTMIN". Answered EINVAL.
 *   <li>HotSpot keeps SIGQUIT (thread dumps), SIGILL, SIGFPE, SIGSEGV, SIGKILL and SIGSTOP: {@link
 *       Signal#handle} throws IllegalArgumentException "Signal already used by VM or OS: SIGQUIT",
 *       for catch, ignore and default alike. Answered EINVAL, which is also what sigaction(2)
 *       answers for SIGKILL and SIGSTOP.
 *   <li>While SIGHUP, SIGINT or SIGTERM is ignored (inherited as ignored, or after an ignore),
 *       HotSpot installs no other action for it and says so only by returning SIG_IGN as the
 *       "previous" handler; the signal stays ignored. This class checks, and answers EINVAL.
 *   <li>A handler gets no siginfo: no sender pid and no code (so no signal.info). Each delivery
 *       runs the handler on a new thread, so two deliveries close together may be reported in
 *       the other order.
 * </ul>
 */
public final class JdkSignals implements SignalCatching {
  private static final String PREFIX = "SIG";
  /** Installing and checking are two calls; no other request may install in between. */
  private static final Object INSTALLING = new Object();

  @Override
  public void handle(String name, Action action, Consumer<Delivery> listener) throws IpcException {
    Signal signal = signal(name);
    SignalHandler handler =
        switch (action) {
          case CATCH -> caught -> listener.accept(new Delivery(name, null, null, null));
          case IGNORE -> SignalHandler.SIG_IGN;
          case DEFAULT -> SignalHandler.SIG_DFL;
        };
    try {
      synchronized (INSTALLING) {
        install(name, signal, handler, action);
      }
    } catch (IllegalArgumentException e) {
      throw new IpcException("EINVAL", "the JDK refuses to handle " + name + ": " + e.getMessage(), e);
    }
  }

  private static void install(String name, Signal signal, SignalHandler handler, Action action) throws IpcException {
    Signal.handle(signal, handler);
    if (action == Action.IGNORE) {
      return;
    }
    // Installing again returns what is installed now: if it is not ours, the first call did nothing.
    SignalHandler installed = Signal.handle(signal, handler);
    if (installed == SignalHandler.SIG_IGN) {
      throw new IpcException(
          "EINVAL",
          "the JDK left " + name + " ignored: HotSpot installs no handler and no default action for SIGHUP, "
              + "SIGINT or SIGTERM while it is ignored (Signal.handle returned SIG_IGN)");
    }
    if (installed != handler) {
      throw new IpcException("EINVAL", "the JDK did not install the action for " + name + "; it keeps " + installed);
    }
  }

  private static Signal signal(String name) throws IpcException {
    if (!name.startsWith(PREFIX)) {
      throw new IpcException("EINVAL", "not a signal name: " + name);
    }
    try {
      return new Signal(name.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IpcException("EINVAL", "the JDK does not know " + name + ": " + e.getMessage(), e);
    }
  }
}
