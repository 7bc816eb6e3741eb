package org.ipcspec.plugins.jdk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.util.Arrays;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;

/** One end of a FIFO as a FileChannel. */
final class ChannelEndpoint implements Endpoint {
  private final FileChannel channel;

  ChannelEndpoint(FileChannel channel) {
    this.channel = channel;
  }

  @Override
  public int write(byte[] data) throws IpcException {
    ByteBuffer buffer = ByteBuffer.wrap(data);
    try {
      // A blocking channel writes everything; the loop only matters if a write is ever short.
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      return data.length;
    } catch (NonWritableChannelException e) {
      // The JDK refuses before the system is asked; write(2) on a read-only descriptor says EBADF.
      throw new IpcException("EBADF", "the channel was opened for reading only", e);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public byte[] read(int max) throws IpcException {
    ByteBuffer buffer = ByteBuffer.allocate(max);
    try {
      int n = channel.read(buffer);
      return n < 0 ? null : Arrays.copyOf(buffer.array(), n);
    } catch (NonReadableChannelException e) {
      throw new IpcException("EBADF", "the channel was opened for writing only", e);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public void close() throws IpcException {
    try {
      channel.close();
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }
}
