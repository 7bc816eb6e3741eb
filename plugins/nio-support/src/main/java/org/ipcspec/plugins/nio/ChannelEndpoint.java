package org.ipcspec.plugins.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.util.Arrays;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;

/** An open FileChannel (one end of a FIFO, a regular file) as an endpoint: one call per operation. */
public final class ChannelEndpoint implements Endpoint {
  private final FileChannel channel;
  /** What the channel is, in messages ("the channel", a path). */
  private final String what;

  /** An endpoint on the channel. */
  public ChannelEndpoint(FileChannel channel) {
    this(channel, "the channel");
  }

  /** An endpoint on the channel; {@code what} names it in messages (a path). */
  public ChannelEndpoint(FileChannel channel, String what) {
    this.channel = channel;
    this.what = what;
  }

  @Override
  public int write(byte[] data) throws IpcException {
    try {
      // One call, never retried: a short write is the system's answer and the suite sees it.
      return channel.write(ByteBuffer.wrap(data));
    } catch (NonWritableChannelException e) {
      // The JDK refuses before any system call; its exception means what write(2)'s EBADF means
      // here (the descriptor is not open for writing), so that is the name reported.
      throw new IpcException("EBADF", what + " was opened for reading only", e);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public byte[] read(int max) throws IpcException {
    ByteBuffer buffer = ByteBuffer.allocate(max);
    try {
      int n = channel.read(buffer);
      // FileChannel.read gives -1 at the end, where read(2) returned 0.
      return n < 0 ? null : Arrays.copyOf(buffer.array(), n);
    } catch (NonReadableChannelException e) {
      throw new IpcException("EBADF", what + " was opened for writing only", e);
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
