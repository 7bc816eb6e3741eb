package org.ipcspec.plugins.agrona;

import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import org.agrona.BitUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.broadcast.BroadcastBufferDescriptor;
import org.agrona.concurrent.broadcast.BroadcastReceiver;
import org.agrona.concurrent.broadcast.BroadcastTransmitter;
import org.ipcspec.spec.jvm.Broadcasts;
import org.ipcspec.spec.jvm.IpcException;

/**
 * msg.broadcast through Agrona's {@link BroadcastTransmitter} and {@link BroadcastReceiver} over a
 * mapped file of the capacity and Agrona's trailer ({@link
 * BroadcastBufferDescriptor#TRAILER_LENGTH}). The capacity must be a power of two.
 */
public final class AgronaBroadcasts implements Broadcasts {
  @Override
  public org.ipcspec.spec.jvm.BroadcastTransmitter create(Path path, int capacity) throws IpcException {
    if (!BitUtil.isPowerOfTwo(capacity)) {
      // Agrona's own rule, asked before the file is made and zero-filled, whatever its size.
      throw new IpcException("EINVAL", "Agrona makes a broadcast buffer of a power of two bytes only, not " + capacity);
    }
    MappedByteBuffer mapped = MappedFiles.create(path, (long) capacity + BroadcastBufferDescriptor.TRAILER_LENGTH);
    try {
      return new AgronaTransmitter(new BroadcastTransmitter(new UnsafeBuffer(mapped)), mapped);
    } catch (IllegalArgumentException | IllegalStateException e) { // no power of two, or a file too small
      MappedFiles.discard(mapped, path);
      throw new IpcException("EINVAL", "Agrona makes no broadcast buffer of " + capacity + " bytes: " + e.getMessage(), e);
    }
  }

  @Override
  public org.ipcspec.spec.jvm.BroadcastReceiver open(Path path) throws IpcException {
    MappedByteBuffer mapped = MappedFiles.open(path, "broadcast buffer");
    try {
      return new AgronaReceiver(new BroadcastReceiver(new UnsafeBuffer(mapped)), mapped);
    } catch (IllegalArgumentException | IllegalStateException e) { // no power of two, or a file too small
      IoUtil.unmap(mapped);
      throw new IpcException("EINVAL", path + " holds no broadcast buffer Agrona can use: " + e.getMessage(), e);
    }
  }
}
