package org.ipcspec.plugins.junixsocket;

import java.io.IOException;
import org.ipcspec.plugins.nio.Errno;
import org.ipcspec.plugins.nio.PipeEnd;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.Pipes;
import org.newsclub.net.unix.AFPipe;

/**
 * pipe.create through {@link AFPipe#open()}, junixsocket's java.nio Pipe on pipe(2), whose ends
 * give their descriptors, so that they can be passed over a socket.
 */
public final class JunixsocketPipes implements Pipes {
  @Override
  public Ends create() throws IpcException {
    try {
      AFPipe pipe = AFPipe.open();
      return new Ends(PipeEnd.readEnd(pipe), PipeEnd.writeEnd(pipe));
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }
}
