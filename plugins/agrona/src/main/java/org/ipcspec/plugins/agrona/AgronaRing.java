package org.ipcspec.plugins.agrona;

import java.nio.MappedByteBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.MessageRing;

/** One agent's view of a ring: Agrona's {@link RingBuffer} on the file it mapped. */
final class AgronaRing implements MessageRing {
  private final RingBuffer ring;
  private final MappedByteBuffer mapped;

  AgronaRing(RingBuffer ring, MappedByteBuffer mapped) {
    this.ring = ring;
    this.mapped = mapped;
  }

  @Override
  public int maxMessageLength() {
    return ring.maxMsgLength();
  }

  @Override
  public void write(int type, byte[] data) throws IpcException {
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
  public Message read() throws IpcException {
    Message[] taken = new Message[1];
    int count = ring.read((type, buffer, index, length) -> {
      byte[] data = new byte[length];
      buffer.getBytes(index, data);
      taken[0] = new Message(type, data);
    }, 1);
    if (count == 0) {
      throw new IpcException("EAGAIN", "the ring is empty (Agrona's read found no message)");
    }
    return taken[0];
  }

  @Override
  public void close() {
    IoUtil.unmap(mapped);
  }

  @Override
  public String toString() {
    return "Agrona ring of " + ring.capacity() + " bytes";
  }
}
