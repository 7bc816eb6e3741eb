package org.ipcspec.spec.jvm;

import java.util.Objects;

/** A receiver of a broadcast buffer, made by {@link Broadcasts#open}; {@link #close} unmaps it. */
public interface BroadcastReceiver extends Handle {

  /**
   * One message received.
   *
   * @param type its type, as transmitted
   * @param data its bytes, as transmitted
   * @param lost whether messages were lost before this one: the transmitter wrote over them
   *     before this receiver read them
   */
  record Received(int type, byte[] data, boolean lost) {
    /** Checks that there are bytes, maybe none. */
    public Received {
      Objects.requireNonNull(data, "data");
    }
  }

  /**
   * The next message this receiver has not had.
   *
   * @throws IpcException {@code EAGAIN} when nothing new was transmitted
   */
  Received receive() throws IpcException;

  /** Unmaps the buffer; the file, and the other ends, stay. */
  @Override
  void close() throws IpcException;
}
