package org.ipcspec.plugins.agrona;

import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import org.agrona.BitUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.MessageRing;
import org.ipcspec.spec.jvm.MessageRings;

/**
 * msg.ring through Agrona's {@link ManyToOneRingBuffer}: any number of writers, one reader, over
 * a mapped file of the capacity and Agrona's trailer ({@link RingBufferDescriptor#TRAILER_LENGTH}
 * bytes of counters). The capacity must be a power of two.
 */
public final class AgronaRings implements MessageRings {
  @Override
  public MessageRing create(Path path, int capacity) throws IpcException {
    if (!BitUtil.isPowerOfTwo(capacity)) {
      // Agrona's own rule, asked before the file is made and zero-filled, whatever its size.
      throw new IpcException("EINVAL", "Agrona makes a ring of a power of two bytes only, not " + capacity);
    }
    MappedByteBuffer mapped = MappedFiles.create(path, (long) capacity + RingBufferDescriptor.TRAILER_LENGTH);
    try {
      return new AgronaRing(new ManyToOneRingBuffer(new UnsafeBuffer(mapped)), mapped);
    } catch (IllegalArgumentException | IllegalStateException e) { // no power of two, or a file too small
      MappedFiles.discard(mapped, path);
      throw new IpcException("EINVAL", "Agrona makes no ring of " + capacity + " bytes: " + e.getMessage(), e);
    }
  }

  @Override
  public MessageRing open(Path path) throws IpcException {
    MappedByteBuffer mapped = MappedFiles.open(path, "ring");
    try {
      return new AgronaRing(new ManyToOneRingBuffer(new UnsafeBuffer(mapped)), mapped);
    } catch (IllegalArgumentException | IllegalStateException e) { // no power of two, or a file too small
      IoUtil.unmap(mapped);
      throw new IpcException("EINVAL", path + " holds no ring Agrona can use: " + e.getMessage(), e);
    }
  }
}
