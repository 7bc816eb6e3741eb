package org.ipcspec.plugins.agrona;

import org.agrona.concurrent.broadcast.BroadcastReceiver;
import org.ipcspec.spec.jvm.IpcException;

/**
 * A receiver of a broadcast buffer: Agrona's, single-threaded, on the file this agent mapped.
 * Agrona counts the times the transmitter lapped this receiver ({@link
 * BroadcastReceiver#lappedCount}); a receive during which the count grew reports the loss.
 */
final class AgronaReceiver implements org.ipcspec.spec.jvm.BroadcastReceiver {
  private final BroadcastReceiver receiver;
  private final MappedRegion region;

  AgronaReceiver(BroadcastReceiver receiver, MappedRegion region) {
    this.receiver = receiver;
    this.region = region;
  }

  @Override
  public synchronized Received receive() throws IpcException {
    region.requireOpen("the receiver");
    boolean lost = false;
    long lapped = receiver.lappedCount();
    while (receiver.receiveNext()) {
      int length = receiver.length();
      int type = receiver.typeId();
      // The transmitter may be writing over the record right now: its length may be garbage, and
      // what was copied is only good if validate() says the record is still there.
      byte[] data = length >= 0 && length <= receiver.capacity() ? new byte[length] : null;
      if (data != null) {
        receiver.buffer().getBytes(receiver.offset(), data);
      }
      if (data != null && receiver.validate()) {
        return new Received(type, data, lost || receiver.lappedCount() > lapped);
      }
      lost = true; // Agrona's copying receiver gives up here ("unable to keep up"); this one goes on
    }
    throw new IpcException("EAGAIN", "nothing new was transmitted (Agrona's receiveNext found no message)");
  }

  @Override
  public synchronized void close() {
    region.unmap();
  }

  @Override
  public String toString() {
    return "a broadcast receiver (Agrona, " + receiver.capacity() + " bytes)";
  }
}
