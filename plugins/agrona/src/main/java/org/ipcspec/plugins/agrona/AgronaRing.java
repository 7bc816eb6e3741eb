package org.ipcspec.plugins.agrona;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.MessageRing;

/**
 * One agent's view of a ring: Agrona's {@link RingBuffer} on the file it mapped. The agent serves
 * requests at once, and a ring has one reader; the calls of this view are serialised, and none
 * reaches the mapping once {@link #close} has unmapped it (that would fault the JVM).
 */
final class AgronaRing implements MessageRing {
  private final RingBuffer ring;
  private final MappedRegion region;

  AgronaRing(RingBuffer ring, MappedRegion region) {
    this.ring = ring;
    this.region = region;
  }

  @Override
  public int maxMessageLength() {
    return ring.maxMsgLength();
  }

  @Override
  public synchronized void write(int type, byte[] data) throws IpcException {
    region.requireOpen("the ring");
    boolean written;
    try {
      written = ring.write(type, new UnsafeBuffer(data), 0, data.length);
    } catch (IllegalArgumentException e) {
      throw TypedMessages.refused(e);
    }
    if (!written) {
      throw new IpcException("EAGAIN", "the ring has no room for " + data.length + " bytes (Agrona's write returned false)");
    }
  }

  @Override
  public synchronized Message read() throws IpcException {
    region.requireOpen("the ring");
    Message[] taken = new Message[1];
    // A read that meets the padding a write left at the buffer's end consumes it and delivers
    // nothing; the message that wrapped around is then at the start, for the next read.
    for (int reads = 0; reads < 2 && taken[0] == null; reads++) {
      ring.read((type, buffer, index, length) -> {
        byte[] data = new byte[length];
        buffer.getBytes(index, data);
        taken[0] = new Message(type, data);
      }, 1);
    }
    if (taken[0] == null) {
      throw new IpcException("EAGAIN", "the ring is empty (Agrona's read found no message)");
    }
    return taken[0];
  }

  @Override
  public synchronized void close() {
    region.unmap();
  }

  @Override
  public String toString() {
    return "a message ring (Agrona, " + ring.capacity() + " bytes)";
  }
}
