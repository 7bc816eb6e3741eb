package org.ipcspec.plugins.nio;

import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.NonBlockingSwitch;

/**
 * handle.nonblocking for the endpoints on a {@link java.nio.channels.SelectableChannel}: the ends
 * of a {@link java.nio.channels.Pipe} and sockets, which {@code configureBlocking} switches with
 * fcntl(2). A FileChannel (a FIFO, a file, the standard streams) and the streams of a {@link
 * Process} are not SelectableChannels and have no such call.
 */
public final class SelectableChannelSwitch implements NonBlockingSwitch {
  @Override
  public void setNonBlocking(Endpoint endpoint, boolean on) throws IpcException {
    if (!(endpoint instanceof Switchable switchable)) {
      throw new UnsupportedOperationException(
          "java.nio switches O_NONBLOCK only on a SelectableChannel (a java.nio.channels.Pipe end, a socket): "
              + "a FileChannel and a Process stream have no such call");
    }
    switchable.setNonBlocking(on);
  }
}
