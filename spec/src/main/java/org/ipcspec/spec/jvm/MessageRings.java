package org.ipcspec.spec.jvm;

import java.nio.file.Path;

/**
 * Capability {@code msg.ring}: a ring of messages in a file that every participant maps. The
 * processes share memory and no kernel stands between writer and reader: a write to a full ring
 * is refused at once, a read of an empty one finds nothing, neither ever waits. Each message has
 * a type (a positive number), a length and its bytes, and messages come out whole, oldest first.
 * Several processes may write to one ring; one reads it.
 *
 * <p>Operations {@code ring.create} and {@code ring.open} here, {@code ring.write}, {@code
 * ring.read} and {@code close} on the {@link MessageRing} they make.
 */
public interface MessageRings {

  /**
   * Makes the file at {@code path}, maps it and makes an empty ring in it.
   *
   * @param capacity the bytes the ring keeps for messages and their headers
   * @throws IpcException {@code EEXIST} when the path exists, {@code EINVAL} for a capacity the
   *     implementation cannot make a ring of
   */
  MessageRing create(Path path, int capacity) throws IpcException;

  /**
   * Maps the ring an earlier {@link #create} made, with the messages it holds.
   *
   * @throws IpcException {@code ENOENT} when there is no such file, {@code EINVAL} when it holds
   *     no ring
   */
  MessageRing open(Path path) throws IpcException;
}
