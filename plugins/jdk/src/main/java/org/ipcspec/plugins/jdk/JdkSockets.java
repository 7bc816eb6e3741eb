package org.ipcspec.plugins.jdk;

import org.ipcspec.plugins.nio.DatagramSocket;
import org.ipcspec.plugins.nio.SocketDomain;
import org.ipcspec.plugins.nio.StreamSocket;
import org.ipcspec.spec.jvm.InetDatagramSockets;
import org.ipcspec.spec.jvm.InetStreamSockets;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.SocketEndpoint;
import org.ipcspec.spec.jvm.UnixStreamSockets;

/**
 * socket.unix.stream, socket.inet.stream and socket.inet.datagram through java.nio's channels
 * opened with an explicit {@link java.net.StandardProtocolFamily}: UNIX-domain stream sockets
 * (JDK 16 and later), TCP and UDP over IPv4.
 *
 * <p>Not here, because the JDK has none: UNIX-domain datagram sockets ({@code
 * DatagramChannel.open(StandardProtocolFamily.UNIX)} throws UnsupportedOperationException
 * "Protocol family not supported"), socketpair(2), and the peer's pid ({@code
 * jdk.net.ExtendedSocketOptions.SO_PEERCRED} gives a user and a group principal only).
 */
public final class JdkSockets implements UnixStreamSockets, InetStreamSockets, InetDatagramSockets {
  @Override
  public SocketEndpoint unixStreamSocket() throws IpcException {
    return StreamSocket.open(JdkSocketLibrary.INSTANCE, SocketDomain.UNIX);
  }

  @Override
  public SocketEndpoint inetStreamSocket() throws IpcException {
    return StreamSocket.open(JdkSocketLibrary.INSTANCE, SocketDomain.INET);
  }

  @Override
  public SocketEndpoint inetDatagramSocket() throws IpcException {
    return DatagramSocket.open(JdkSocketLibrary.INSTANCE, SocketDomain.INET);
  }
}
