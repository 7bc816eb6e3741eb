package org.ipcspec.spec.jvm;

/**
 * Anything the host names by a handle ({@code "h3"}): an open descriptor ({@link Endpoint}, {@link
 * SocketEndpoint}), a memory mapping ({@link Mapping}), a message queue descriptor ({@link
 * MessageQueue}). {@code close} acts on every handle, whatever made it; the host then forgets the
 * handle.
 */
public interface Handle {

  /**
   * Releases what the handle stands for: close(2) of a descriptor, munmap(2) of a mapping,
   * mq_close(3) of a queue descriptor.
   */
  void close() throws IpcException;
}
