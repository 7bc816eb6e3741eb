package org.ipcspec.plugins.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.util.Arrays;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;

/**
 * One end of a {@link Pipe}. On Linux the JDK (and junixsocket's AFPipe) make a Pipe with pipe(2), so both ends are real
 * pipe descriptors; a read is one read(2), a write one write(2), and {@link #setNonBlocking}
 * sets or clears O_NONBLOCK with fcntl(2) through {@link SelectableChannel#configureBlocking}.
 *
 * <p>java.nio reports a non-blocking call that would block not as an error but as zero bytes.
 * This class translates back, as the protocol asks:
 *
 * <ul>
 *   <li>a non-blocking read that returns 0 bytes (max is at least 1, and end-of-file is -1) is
 *       read(2)'s {@code EAGAIN};
 *   <li>a non-blocking write that returns 0 for a non-empty buffer is write(2)'s {@code EAGAIN};
 *       one that returns less than offered is a short write, reported as such.
 * </ul>
 */
public final class PipeEnd implements Endpoint, Switchable {
  private final Pipe.SourceChannel source;
  private final Pipe.SinkChannel sink;

  private PipeEnd(Pipe.SourceChannel source, Pipe.SinkChannel sink) {
    this.source = source;
    this.sink = sink;
  }

  /** The read end of the pipe. */
  public static PipeEnd readEnd(Pipe pipe) {
    return new PipeEnd(pipe.source(), null);
  }

  /** The write end of the pipe. */
  public static PipeEnd writeEnd(Pipe pipe) {
    return new PipeEnd(null, pipe.sink());
  }

  @Override
  public int write(byte[] data) throws IpcException {
    if (sink == null) {
      // Java has no write on a SourceChannel; write(2) on a pipe's read end answers EBADF.
      throw new IpcException("EBADF", "the read end of a pipe cannot be written");
    }
    if (data.length == 0) {
      return 0; // the JDK makes no system call for an empty buffer; write(2) of 0 bytes gives 0
    }
    try {
      int n = sink.write(ByteBuffer.wrap(data));
      if (n == 0 && !sink.isBlocking()) {
        throw new IpcException("EAGAIN", "the pipe is full: the non-blocking write accepted nothing (java.nio's call returned 0)");
      }
      return n;
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public byte[] read(int max) throws IpcException {
    if (source == null) {
      throw new IpcException("EBADF", "the write end of a pipe cannot be read");
    }
    ByteBuffer buffer = ByteBuffer.allocate(max);
    try {
      int n = source.read(buffer);
      if (n < 0) {
        return null;
      }
      if (n == 0 && !source.isBlocking()) {
        throw new IpcException("EAGAIN", "the pipe is empty: the non-blocking read found nothing (java.nio's call returned 0)");
      }
      return Arrays.copyOf(buffer.array(), n);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  /**
   * Sets or clears O_NONBLOCK. The JDK takes the channel's read lock (or write lock) to do it:
   * while another thread is blocked in a read of this end, this call waits for that read to end.
   */
  @Override
  public void setNonBlocking(boolean on) throws IpcException {
    try {
      channel().configureBlocking(!on);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public void close() throws IpcException {
    try {
      channel().close();
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  /** The channel of this end, for a library's own calls on it (junixsocket's descriptor). */
  public SelectableChannel channel() {
    return source != null ? source : sink;
  }
}
