package org.ipcspec.plugins.jdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.ipcspec.plugins.nio.Errno;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;

/**
 * The parent's end of a pipe to or from a child, as the JDK gives it: {@link
 * Process#getOutputStream()} (the write end of the child's standard input) or {@link
 * Process#getInputStream()} (the read end of its standard output). These are the only handles
 * on a child's pipes the JDK offers, and they are buffered streams:
 *
 * <ul>
 *   <li>a write goes into a BufferedOutputStream and is flushed at once, so that each request
 *       reaches the pipe as one write(2). (Data of 8 KiB or more bypasses the buffer; the
 *       FileOutputStream beneath retries a short write until all is written, which a blocking
 *       pipe makes rare: only a signal handler interrupting a large write does it.) After a
 *       failed write the data stay in the buffer and the next write or close tries them again;
 *       on a pipe the failures are EPIPE and EBADF, which do not go away.
 *   <li>a read is one call of BufferedInputStream.read: when the stream's buffer is empty and
 *       {@code max} is at least 8 KiB it is one read(2) straight into the caller's array, but it
 *       may read ahead up to 8 KiB from the pipe into its buffer, and it goes on reading while
 *       the pipe has more bytes available, so one request may take the bytes of several read(2)
 *       calls.
 *   <li>once the child has exited, the JDK closes the parent's end itself: the write end at
 *       once (a later write fails with IOException "Stream closed", reported as EBADF), the read
 *       end after copying into memory what the pipe held (later reads return those bytes, then
 *       end-of-file).
 * </ul>
 */
final class ProcessPipe implements Endpoint {
  private final OutputStream toChild;
  private final InputStream fromChild;

  private ProcessPipe(OutputStream toChild, InputStream fromChild) {
    this.toChild = toChild;
    this.fromChild = fromChild;
  }

  static ProcessPipe toStdin(Process process) {
    return new ProcessPipe(process.getOutputStream(), null);
  }

  static ProcessPipe fromStdout(Process process) {
    return new ProcessPipe(null, process.getInputStream());
  }

  @Override
  public int write(byte[] data) throws IpcException {
    if (toChild == null) {
      throw new IpcException("EBADF", "the parent's end of a child's standard output is its read end");
    }
    try {
      toChild.write(data);
      toChild.flush();
      return data.length;
    } catch (IOException e) {
      throw translate(e);
    }
  }

  @Override
  public byte[] read(int max) throws IpcException {
    if (fromChild == null) {
      throw new IpcException("EBADF", "the parent's end of a child's standard input is its write end");
    }
    byte[] buffer = new byte[max];
    try {
      int n = fromChild.read(buffer, 0, max);
      return n < 0 ? null : Arrays.copyOf(buffer, n);
    } catch (IOException e) {
      throw translate(e);
    }
  }

  @Override
  public void close() throws IpcException {
    try {
      if (toChild != null) {
        toChild.close();
      } else {
        fromChild.close();
      }
    } catch (IOException e) {
      throw translate(e);
    }
  }

  private static IpcException translate(IOException e) {
    if ("Stream closed".equals(e.getMessage())) {
      return new IpcException(
          "EBADF",
          "Stream closed: the JDK closes the parent's end of a child's pipe once the child has exited",
          e);
    }
    return Errno.of(e);
  }
}
