package org.ipcspec.spec.jvm;

/**
 * Capability {@code socket.unix.datagram}: UNIX-domain datagram sockets (unix(7)): messages sent to
 * and from paths, keeping their boundaries.
 *
 * <p>Operation {@code socket.create} with the domain and type of this capability; the other
 * {@code socket.*} operations, and {@code read}, {@code write} and {@code close}, then act on the
 * {@link SocketEndpoint} it made. The method's name says the domain and type, so that one class
 * may implement several of the socket interfaces without mixing them up.
 */
public interface UnixDatagramSockets {

  /**
   * socket(2) with {@code AF_UNIX} and {@code SOCK_DGRAM}: a new socket, neither bound nor
   * connected.
   */
  SocketEndpoint unixDatagramSocket() throws IpcException;
}
