package org.ipcspec.spec.jvm;

/**
 * Capability {@code socket.inet.stream}: TCP over IPv4 (tcp(7)).
 *
 * <p>Operation {@code socket.create} with the domain and type of this capability; the other
 * {@code socket.*} operations, and {@code read}, {@code write} and {@code close}, then act on the
 * {@link SocketEndpoint} it made. The method's name says the domain and type, so that one class
 * may implement several of the socket interfaces without mixing them up.
 */
public interface InetStreamSockets {

  /**
   * socket(2) with {@code AF_INET} and {@code SOCK_STREAM}: a new socket, neither bound nor
   * connected.
   */
  SocketEndpoint inetStreamSocket() throws IpcException;
}
