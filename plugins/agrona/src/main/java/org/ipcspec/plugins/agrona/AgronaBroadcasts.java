package org.ipcspec.plugins.agrona;

import java.nio.file.Path;
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
    return MappedFiles.create(path, capacity, BroadcastBufferDescriptor.TRAILER_LENGTH, "broadcast buffer",
        (buffer, region) -> new AgronaTransmitter(new BroadcastTransmitter(buffer), region));
  }

  @Override
  public org.ipcspec.spec.jvm.BroadcastReceiver open(Path path) throws IpcException {
    return MappedFiles.open(path, "broadcast buffer", (buffer, region) -> new AgronaReceiver(new BroadcastReceiver(buffer), region));
  }
}
