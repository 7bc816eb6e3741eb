package org.ipcspec.spec.jvm;

import java.util.Objects;

/** A ring of messages mapped by this agent, made by {@link MessageRings}; {@link #close} unmaps it. */
public interface MessageRing extends Handle {

  /**
   * One message taken from the ring.
   *
   * @param type its type, as written
   * @param data its bytes, as written
   */
  record Message(int type, byte[] data) {
    /** Checks that there are bytes, maybe none. */
    public Message {
      Objects.requireNonNull(data, "data");
    }
  }

  /** The longest message the ring takes. */
  int maxMessageLength();

  /**
   * Adds a message, at once or not at all.
   *
   * @throws IpcException {@code EAGAIN} when the ring has no room for it, {@code EMSGSIZE} when
   *     it is longer than {@link #maxMessageLength}, {@code EINVAL} for a type less than 1
   */
  void write(int type, byte[] data) throws IpcException;

  /**
   * Takes the oldest message.
   *
   * @throws IpcException {@code EAGAIN} when the ring is empty
   */
  Message read() throws IpcException;

  /** Unmaps the ring; the file and the messages in it stay. */
  @Override
  void close() throws IpcException;
}
