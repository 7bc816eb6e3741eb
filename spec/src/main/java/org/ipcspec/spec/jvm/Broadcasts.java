package org.ipcspec.spec.jvm;

import java.nio.file.Path;

/**
 * Capability {@code msg.broadcast}: one transmitter and any number of receivers, sharing a
 * buffer in a file every participant maps. Every receiver gets every message, in order, as long
 * as it keeps up: the transmitter never waits for a receiver, and writes over what a slow one has
 * not read yet; that receiver learns it has lost messages, and goes on from a later one.
 *
 * <p>Operations {@code broadcast.create} and {@code broadcast.open} here, {@code
 * broadcast.transmit}, {@code broadcast.receive} and {@code close} on what they make.
 */
public interface Broadcasts {

  /**
   * Makes the file at {@code path}, maps it and makes the transmitter of an empty buffer.
   *
   * @param capacity the bytes the buffer keeps for messages and their headers
   * @throws IpcException {@code EEXIST} when the path exists, {@code EINVAL} for a capacity the
   *     implementation cannot make a buffer of
   */
  BroadcastTransmitter create(Path path, int capacity) throws IpcException;

  /**
   * Maps the buffer an earlier {@link #create} made, as a new receiver: it gets what is
   * transmitted from now on; an implementation may hand it first the latest message transmitted
   * before (Agrona's receiver starts there).
   *
   * @throws IpcException {@code ENOENT} when there is no such file
   */
  BroadcastReceiver open(Path path) throws IpcException;
}
