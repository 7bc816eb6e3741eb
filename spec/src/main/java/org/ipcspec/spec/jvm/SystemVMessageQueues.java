package org.ipcspec.spec.jvm;

import java.util.Objects;

/**
 * Capability {@code msg.sysv}: System V message queues (sysvipc(7), msgget(2), msgop(2),
 * msgctl(2)).
 *
 * <p>Operations {@code msg.get}, {@code msg.send}, {@code msg.receive}, {@code msg.stat} and
 * {@code msg.remove}. A queue is named by its identifier, a number valid in every process of the
 * machine, not by a handle: nothing is opened or closed.
 */
public interface SystemVMessageQueues {

  /**
   * msgget(2): the identifier of the queue of a key, creating it if asked.
   *
   * @param key the key; 0 is {@code IPC_PRIVATE}, always a new queue
   * @param create {@code IPC_CREAT}
   * @param exclusive {@code IPC_EXCL}: with {@code create}, fail with {@code EEXIST} when the key
   *     has a queue
   * @param mode the permission bits of a queue being created (the umask does not apply)
   * @return the queue's identifier
   * @throws IpcException {@code ENOENT} when the key has no queue and {@code create} is not asked
   */
  int get(int key, boolean create, boolean exclusive, int mode) throws IpcException;

  /**
   * msgsnd(2) of a message of type {@code type}.
   *
   * @param type the message's type ({@code mtype}); the system refuses less than 1 with {@code
   *     EINVAL}
   * @param noWait {@code IPC_NOWAIT}: fail with {@code EAGAIN} instead of waiting while the queue
   *     is full
   * @throws IpcException {@code EIDRM} when the queue is removed while the send waits
   */
  void send(int queue, long type, byte[] data, boolean noWait) throws IpcException;

  /**
   * One message taken from a queue.
   *
   * @param type its type
   * @param data its bytes, cut to the buffer when {@code MSG_NOERROR} allowed it
   */
  record Message(long type, byte[] data) {
    /** Checks that there are bytes, maybe none. */
    public Message {
      Objects.requireNonNull(data, "data");
    }
  }

  /**
   * msgrcv(2).
   *
   * @param type {@code msgtyp}: 0 takes the first message; a positive type, the first message of
   *     that type; a negative one, the first of the lowest type up to its absolute value
   * @param max the buffer's size ({@code msgsz})
   * @param noWait {@code IPC_NOWAIT}: fail with {@code ENOMSG} instead of waiting when no message
   *     fits
   * @param noError {@code MSG_NOERROR}: cut a longer message to {@code max} bytes instead of
   *     failing with {@code E2BIG}
   * @throws IpcException {@code EIDRM} when the queue is removed while the receive waits
   */
  Message receive(int queue, long type, int max, boolean noWait, boolean noError) throws IpcException;

  /**
   * What msgctl(2) {@code IPC_STAT} says of a queue.
   *
   * @param messages {@code msg_qnum}: how many messages it holds
   * @param bytes {@code __msg_cbytes}: how many bytes they hold together
   * @param maxBytes {@code msg_qbytes}: how many bytes it holds at most
   * @param lastSenderPid {@code msg_lspid}: the process that sent last, 0 if none
   * @param lastReceiverPid {@code msg_lrpid}: the process that received last, 0 if none
   */
  record Status(long messages, long bytes, long maxBytes, long lastSenderPid, long lastReceiverPid) {}

  /** msgctl(2) {@code IPC_STAT}. */
  Status stat(int queue) throws IpcException;

  /**
   * msgctl(2) {@code IPC_RMID}: removes the queue at once; senders and receivers waiting in it
   * wake with {@code EIDRM}.
   */
  void remove(int queue) throws IpcException;
}
