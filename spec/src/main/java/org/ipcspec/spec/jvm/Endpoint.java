package org.ipcspec.spec.jvm;

/**
 * An open end of an IPC channel: a FIFO opened for reading or for writing, an end of a pipe, a
 * child's standard stream. The host names it by a handle; {@code read}, {@code write} and {@code
 * close} act on any endpoint, whatever made it.
 */
public interface Endpoint {

  /**
   * One write of the buffer, as one call of the implementation: never split into several and
   * never retried, so that the suite observes the implementation's own atomicity.
   *
   * @return the number of bytes accepted, fewer than offered if the write was short
   */
  int write(byte[] data) throws IpcException;

  /**
   * One read of at most {@code max} bytes; blocks until data or end-of-file is there (unless the
   * endpoint is non-blocking).
   *
   * @return the bytes read, or null at end-of-file
   */
  byte[] read(int max) throws IpcException;

  /** Releases the endpoint. */
  void close() throws IpcException;
}
