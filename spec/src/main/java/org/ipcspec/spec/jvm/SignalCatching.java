package org.ipcspec.spec.jvm;

import java.util.function.Consumer;

/**
 * Capability {@code signal.catch}: catch a signal, ignore it, or restore its default action, as
 * sigaction(2) does.
 *
 * <p>Operation {@code signal.handle}; each delivery of a caught signal becomes an event {@code
 * signal}. Signals are named as in signal(7) ({@code SIGUSR1}, {@code SIGRTMIN+2}); the host has
 * checked the name's form, the implementation decides whether the system knows it.
 */
public interface SignalCatching {

  /** What to do when the signal arrives. */
  enum Action {
    /** Run a handler that reports the delivery. */
    CATCH,
    /** Discard the signal (SIG_IGN). */
    IGNORE,
    /** The signal's default action (SIG_DFL), which for most signals ends the process. */
    DEFAULT
  }

  /**
   * One delivery of a caught signal.
   *
   * @param signal the signal's name, as it was asked for in {@link #handle}
   * @param senderPid the sender's pid, or null when the implementation cannot know it (it is
   *     known only with capability {@code signal.info}, see {@link SignalSenderInfo})
   * @param code how it was sent ({@code SI_USER}, {@code SI_QUEUE}...), or null when unknown
   * @param value the value sent with sigqueue(3), or null
   */
  record Delivery(String signal, Long senderPid, String code, Integer value) {}

  /**
   * Sets the signal's action.
   *
   * @param signal a signal(7) name
   * @param action catch, ignore or default
   * @param listener receives each delivery while the action is {@link Action#CATCH}: once per
   *     delivery, in the order the handler ran. It may be called on any thread and is thread-safe.
   * @throws IpcException {@code EINVAL} for a signal that cannot be caught or ignored ({@code
   *     SIGKILL}, {@code SIGSTOP}) or that the implementation does not know or may not touch
   */
  void handle(String signal, Action action, Consumer<Delivery> listener) throws IpcException;
}
