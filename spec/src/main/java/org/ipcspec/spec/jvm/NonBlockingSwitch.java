package org.ipcspec.spec.jvm;

/**
 * Capability {@code pipe.nonblocking}: set or clear O_NONBLOCK on a handle's descriptor, as
 * fcntl(2) does.
 *
 * <p>Operation {@code handle.nonblocking}. Once an endpoint is non-blocking, its {@link
 * Endpoint#read} of an empty pipe and its {@link Endpoint#write} into a full one fail with {@code
 * EAGAIN} instead of waiting, and a write that fits only in part is short.
 */
public interface NonBlockingSwitch {

  /**
   * Sets ({@code on}) or clears O_NONBLOCK on the endpoint's descriptor.
   *
   * @param endpoint any endpoint of this agent, whatever made it
   * @throws UnsupportedOperationException when the implementation cannot switch this kind of
   *     endpoint; the agent then answers {@code UNSUPPORTED_OP}
   */
  void setNonBlocking(Endpoint endpoint, boolean on) throws IpcException;
}
