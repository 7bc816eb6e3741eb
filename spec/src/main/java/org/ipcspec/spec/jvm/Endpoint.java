package org.ipcspec.spec.jvm;

/**
 * An open descriptor that bytes go through: an end of a FIFO or a pipe, a child's standard
 * stream, a regular file or a shared memory object, a socket ({@link SocketEndpoint}). The host
 * names it by a handle; {@code read}, {@code write} and {@code close} act on any endpoint, whatever
 * made it.
 */
public interface Endpoint extends Handle {

  /**
   * One write of the buffer, as one call of the implementation (write(2)): never split into
   * several and never retried, so that the suite observes the implementation's own atomicity.
   *
   * @return the number of bytes accepted, fewer than offered if the write was short
   */
  int write(byte[] data) throws IpcException;

  /**
   * One read of at most {@code max} bytes (read(2)); blocks until data or end-of-file is there
   * (unless the endpoint is non-blocking).
   *
   * @return the bytes read, or null when the read returned 0: end-of-file
   */
  byte[] read(int max) throws IpcException;

  /** Releases the endpoint: close(2). */
  @Override
  void close() throws IpcException;
}
