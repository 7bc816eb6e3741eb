package org.ipcspec.plugins.agrona;

import java.nio.MappedByteBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.broadcast.BroadcastTransmitter;
import org.ipcspec.spec.jvm.IpcException;

/** The transmitter of a broadcast buffer: Agrona's, single-threaded, on the file this agent mapped. */
final class AgronaTransmitter implements org.ipcspec.spec.jvm.BroadcastTransmitter {
  private final BroadcastTransmitter transmitter;
  private final MappedByteBuffer mapped;
  private boolean closed;

  AgronaTransmitter(BroadcastTransmitter transmitter, MappedByteBuffer mapped) {
    this.transmitter = transmitter;
    this.mapped = mapped;
  }

  @Override
  public int maxMessageLength() {
    return transmitter.maxMsgLength();
  }

  @Override
  public synchronized void transmit(int type, byte[] data) throws IpcException {
    if (closed) {
      throw new IpcException("EBADF", "the transmitter is closed: unmapped");
    }
    try {
      transmitter.transmit(type, new UnsafeBuffer(data), 0, data.length);
    } catch (IllegalArgumentException e) {
      throw TypedMessages.refused(e);
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      IoUtil.unmap(mapped);
    }
  }

  @Override
  public String toString() {
    return "a broadcast transmitter (Agrona, " + transmitter.capacity() + " bytes)";
  }
}
