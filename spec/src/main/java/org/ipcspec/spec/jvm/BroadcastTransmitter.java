package org.ipcspec.spec.jvm;

/** The one transmitter of a broadcast buffer, made by {@link Broadcasts#create}; {@link #close} unmaps it. */
public interface BroadcastTransmitter extends Handle {

  /** The longest message the buffer takes. */
  int maxMessageLength();

  /**
   * Transmits a message. Never waits: it goes in over whatever a slow receiver has not read.
   *
   * @throws IpcException {@code EMSGSIZE} when it is longer than {@link #maxMessageLength},
   *     {@code EINVAL} for a type less than 1
   */
  void transmit(int type, byte[] data) throws IpcException;

  /** Unmaps the buffer; the file, and the other ends, stay. */
  @Override
  void close() throws IpcException;
}
