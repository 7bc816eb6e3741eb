package org.ipcspec.spec.jvm.host;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;

/**
 * The predefined handles {@code stdin} and {@code stdout}: the agent's descriptors 0 and 1, as
 * FileChannels, so that a child participant reads its standard input and writes its standard
 * output with one read(2) or write(2) per request, unbuffered.
 *
 * <p>Closing one closes the pipe behind it (the other end then sees end-of-file or EPIPE). The JDK
 * does not close(2) descriptors 0 to 2 but dup2(2)s /dev/null onto them, so the descriptor number
 * stays taken.
 */
final class StandardStream implements Endpoint {
  private final String name;
  private final FileChannel channel;
  private final boolean input;

  private StandardStream(String name, FileChannel channel, boolean input) {
    this.name = name;
    this.channel = channel;
    this.input = input;
  }

  static StandardStream stdin() {
    return new StandardStream("stdin", new FileInputStream(FileDescriptor.in).getChannel(), true);
  }

  static StandardStream stdout() {
    return new StandardStream("stdout", new FileOutputStream(FileDescriptor.out).getChannel(), false);
  }

  @Override
  public int write(byte[] data) throws IpcException {
    if (input) {
      throw new IpcException("EBADF", name + " is open for reading only");
    }
    try {
      return channel.write(ByteBuffer.wrap(data));
    } catch (IOException e) {
      throw errno(e);
    }
  }

  @Override
  public byte[] read(int max) throws IpcException {
    if (!input) {
      throw new IpcException("EBADF", name + " is open for writing only");
    }
    ByteBuffer buffer = ByteBuffer.allocate(max);
    try {
      int n = channel.read(buffer);
      return n < 0 ? null : Arrays.copyOf(buffer.array(), n);
    } catch (IOException e) {
      throw errno(e);
    }
  }

  @Override
  public void close() throws IpcException {
    try {
      channel.close();
    } catch (IOException e) {
      throw errno(e);
    }
  }

  /** strerror's text in the JDK's message back to the errno name; INTERNAL when there is none. */
  private IpcException errno(IOException e) {
    if (e instanceof ClosedChannelException) {
      return new IpcException("EBADF", name + " was closed (" + e + ")", e);
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("Broken pipe")) {
      return new IpcException("EPIPE", message, e);
    }
    if (message.contains("Bad file descriptor")) {
      return new IpcException("EBADF", message, e);
    }
    if (message.contains("Resource temporarily unavailable")) {
      return new IpcException("EAGAIN", message, e);
    }
    if (message.contains("Input/output error")) {
      return new IpcException("EIO", message, e);
    }
    return new IpcException("INTERNAL", "no errno name for " + e, e);
  }
}
