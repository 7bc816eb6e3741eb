package org.ipcspec.plugins.agrona;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.broadcast.BroadcastTransmitter;
import org.ipcspec.spec.jvm.IpcException;

/** The transmitter of a broadcast buffer: Agrona's, single-threaded, on the file this agent mapped. */
final class AgronaTransmitter implements org.ipcspec.spec.jvm.BroadcastTransmitter {
  private final BroadcastTransmitter transmitter;
  private final MappedRegion region;

  AgronaTransmitter(BroadcastTransmitter transmitter, MappedRegion region) {
    this.transmitter = transmitter;
    this.region = region;
  }

  @Override
  public int maxMessageLength() {
    return transmitter.maxMsgLength();
  }

  @Override
  public synchronized void transmit(int type, byte[] data) throws IpcException {
    region.requireOpen("the transmitter");
    try {
      transmitter.transmit(type, new UnsafeBuffer(data), 0, data.length);
    } catch (IllegalArgumentException e) {
      throw TypedMessages.refused(e);
    }
  }

  @Override
  public synchronized void close() {
    region.unmap();
  }

  @Override
  public String toString() {
    return "a broadcast transmitter (Agrona, " + transmitter.capacity() + " bytes)";
  }
}
