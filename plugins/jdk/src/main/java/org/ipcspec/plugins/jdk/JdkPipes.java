package org.ipcspec.plugins.jdk;

import java.io.IOException;
import java.nio.channels.Pipe;
import org.ipcspec.plugins.nio.PipeEnd;
import org.ipcspec.plugins.nio.Errno;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.Pipes;

/** pipe.create through {@link Pipe#open()}, which is pipe(2) on Linux. */
public final class JdkPipes implements Pipes {
  @Override
  public Ends create() throws IpcException {
    try {
      Pipe pipe = Pipe.open();
      return new Ends(PipeEnd.readEnd(pipe), PipeEnd.writeEnd(pipe));
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }
}
