package org.ipcspec.plugins.jdk;

import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.NonBlockingSwitch;

/**
 * handle.nonblocking for the ends of a {@link java.nio.channels.Pipe}, the only descriptors the
 * JDK lets a program switch: a FileChannel (a FIFO, the standard streams) and the streams of a
 * {@link Process} are not SelectableChannels and have no such call.
 */
public final class JdkNonBlockingSwitch implements NonBlockingSwitch {
  @Override
  public void setNonBlocking(Endpoint endpoint, boolean on) throws IpcException {
    if (!(endpoint instanceof PipeEnd pipeEnd)) {
      throw new UnsupportedOperationException(
          "the JDK can switch O_NONBLOCK only on a java.nio.channels.Pipe end (a SelectableChannel), "
              + "not on a FileChannel or a Process stream");
    }
    pipeEnd.setNonBlocking(on);
  }
}
