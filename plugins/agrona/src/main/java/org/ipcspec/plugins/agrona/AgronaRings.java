package org.ipcspec.plugins.agrona;

import java.nio.file.Path;
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
  private static final MappedFiles.Maker<MessageRing> RING =
      (buffer, region) -> new AgronaRing(new ManyToOneRingBuffer(buffer), region);

  @Override
  public MessageRing create(Path path, int capacity) throws IpcException {
    return MappedFiles.create(path, capacity, RingBufferDescriptor.TRAILER_LENGTH, "ring", RING);
  }

  @Override
  public MessageRing open(Path path) throws IpcException {
    return MappedFiles.open(path, "ring", RING);
  }
}
