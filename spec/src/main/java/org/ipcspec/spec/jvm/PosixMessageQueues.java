package org.ipcspec.spec.jvm;

/**
 * Capability {@code mq.posix}: POSIX message queues (mq_overview(7)).
 *
 * <p>Operations {@code mq.open} and {@code mq.unlink} here, {@code mq.send}, {@code mq.receive},
 * {@code mq.attributes} and {@code close} on the {@link MessageQueue} opened. A queue is named by
 * {@code /} and a word, the same in every process of the machine.
 */
public interface PosixMessageQueues {

  /**
   * The size of a queue being created: {@code mq_maxmsg} and {@code mq_msgsize} of the {@code
   * struct mq_attr} given to mq_open(3).
   *
   * @param maxMessages how many messages it holds at most
   * @param messageSize the largest message it takes
   */
  record Size(long maxMessages, long messageSize) {}

  /**
   * mq_open(3).
   *
   * @param name {@code /} followed by letters, digits, {@code .}, {@code _} or {@code -} (the
   *     host has checked the form)
   * @param flags the access ({@code O_RDONLY}, {@code O_WRONLY}, {@code O_RDWR}), {@code
   *     O_CREAT}, {@code O_EXCL} and the mode of a queue being created
   * @param size the size of a queue being created, or null for the system's defaults
   * @param nonBlocking {@code O_NONBLOCK}: sends to a full queue and receives from an empty one
   *     fail with {@code EAGAIN} instead of waiting
   * @throws IpcException {@code ENOENT} when no such queue exists and {@code create} is not
   *     asked, {@code EEXIST} when {@code create} and {@code exclusive} are asked and it exists,
   *     {@code EINVAL} for a size beyond the system's limits
   */
  MessageQueue open(String name, OpenFlags flags, Size size, boolean nonBlocking) throws IpcException;

  /**
   * mq_unlink(3): removes the name; processes that have the queue open keep it.
   *
   * @throws IpcException {@code ENOENT} when no such queue exists
   */
  void unlink(String name) throws IpcException;
}
