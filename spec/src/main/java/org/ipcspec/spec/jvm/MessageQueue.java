package org.ipcspec.spec.jvm;

import java.util.Objects;

/**
 * An open POSIX message queue descriptor ({@code mqd_t}), made by {@link PosixMessageQueues#open}.
 * The host names it by a handle; {@link #close} is mq_close(3). A queue keeps whole messages in
 * priority order, the highest first and, within one priority, the oldest first.
 */
public interface MessageQueue extends Handle {

  /**
   * One message taken from the queue.
   *
   * @param data its bytes
   * @param priority its priority
   */
  record Message(byte[] data, int priority) {
    /** Checks that there are bytes, maybe none. */
    public Message {
      Objects.requireNonNull(data, "data");
    }
  }

  /**
   * A queue's attributes, as mq_getattr(3) gives them.
   *
   * @param maxMessages {@code mq_maxmsg}: how many messages the queue holds at most
   * @param messageSize {@code mq_msgsize}: the largest message it takes
   * @param messages {@code mq_curmsgs}: how many it holds now
   * @param nonBlocking whether this descriptor has {@code O_NONBLOCK}
   */
  record Attributes(long maxMessages, long messageSize, long messages, boolean nonBlocking) {}

  /**
   * mq_send(3): adds a message. Blocks while the queue is full, unless the descriptor is
   * non-blocking.
   *
   * @param priority 0 or more
   * @throws IpcException {@code EAGAIN} when the queue is full and the descriptor non-blocking,
   *     {@code EMSGSIZE} when the message is longer than {@code mq_msgsize}, {@code EBADF} when
   *     the descriptor is not open for writing, {@code EINVAL} for a priority of {@code
   *     MQ_PRIO_MAX} or more
   */
  void send(byte[] data, int priority) throws IpcException;

  /**
   * mq_receive(3) into a buffer of {@code max} bytes: takes the oldest message of the highest
   * priority. Blocks while the queue is empty, unless the descriptor is non-blocking.
   *
   * @throws IpcException {@code EAGAIN} when the queue is empty and the descriptor non-blocking,
   *     {@code EMSGSIZE} when {@code max} is less than {@code mq_msgsize}, {@code EBADF} when the
   *     descriptor is not open for reading
   */
  Message receive(int max) throws IpcException;

  /** mq_getattr(3). */
  Attributes attributes() throws IpcException;

  /** mq_close(3): the queue lives on, with its messages, until it is unlinked and closed by all. */
  @Override
  void close() throws IpcException;
}
