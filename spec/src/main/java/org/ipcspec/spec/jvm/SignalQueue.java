package org.ipcspec.spec.jvm;

/**
 * Capability {@code signal.queue}: queue a signal that carries a value, as sigqueue(3) does;
 * real-time signals queue in order.
 *
 * <p>Operation {@code signal.send} with {@code value}. The receiver's event {@code signal} then
 * carries the value ({@link SignalCatching.Delivery#value()}).
 */
public interface SignalQueue {

  /**
   * Queues a signal with a value.
   *
   * @param pid the target, a positive process id
   * @param signal a signal(7) name, real-time ones included, or {@code "0"}
   * @param value the value ({@code sival_int})
   */
  void queue(long pid, String signal, int value) throws IpcException;
}
