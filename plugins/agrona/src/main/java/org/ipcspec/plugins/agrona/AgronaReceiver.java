package org.ipcspec.plugins.agrona;

import java.nio.MappedByteBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.broadcast.BroadcastReceiver;
import org.ipcspec.spec.jvm.IpcException;

/**
 * A receiver of a broadcast buffer: Agrona's on the file this agent mapped. Agrona counts the
 * times the transmitter lapped this receiver ({@link BroadcastReceiver#lappedCount}); a receive
 * during which the count grew reports the loss.
 */
final class AgronaReceiver implements org.ipcspec.spec.jvm.BroadcastReceiver {
  private final BroadcastReceiver receiver;
  private final MappedByteBuffer mapped;

  AgronaReceiver(BroadcastReceiver receiver, MappedByteBuffer mapped) {
    this.receiver = receiver;
    this.mapped = mapped;
  }

  @Override
  public synchronized Received receive() throws IpcException {
    long lapped = receiver.lappedCount();
    while (receiver.receiveNext()) {
      byte[] data = new byte[receiver.length()];
      int type = receiver.typeId();
      receiver.buffer().getBytes(receiver.offset(), data);
      // The transmitter may have written over the message while it was copied: Agrona's own
      // copying receiver then gives up; this one takes the next message, and reports the loss.
      if (receiver.validate()) {
        return new Received(type, data, receiver.lappedCount() > lapped);
      }
      lapped = -1;
    }
    throw new IpcException("EAGAIN", "nothing new was transmitted (Agrona's receiveNext found no message)");
  }

  @Override
  public void close() {
    IoUtil.unmap(mapped);
  }
}
