package org.ipcspec.plugins.jdk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.ipcspec.plugins.nio.ChannelEndpoint;
import org.ipcspec.plugins.nio.Errno;
import org.ipcspec.spec.jvm.Access;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.Fifos;
import org.ipcspec.spec.jvm.IpcException;

/** Opens FIFOs with FileChannel.open, which blocks like open(2) until the other end is open. */
public final class JdkFifos implements Fifos {
  @Override
  public Endpoint open(Path path, Access access) throws IpcException {
    try {
      StandardOpenOption option = access == Access.READ ? StandardOpenOption.READ : StandardOpenOption.WRITE;
      return new ChannelEndpoint(FileChannel.open(path, option));
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }
}
