package org.ipcspec.plugins.junixsocket;

import java.io.IOException;
import org.ipcspec.plugins.nio.DatagramSocket;
import org.ipcspec.plugins.nio.Errno;
import org.ipcspec.plugins.nio.SocketDomain;
import org.ipcspec.plugins.nio.StreamSocket;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.SocketEndpoint;
import org.ipcspec.spec.jvm.SocketPairs;
import org.ipcspec.spec.jvm.SocketType;
import org.ipcspec.spec.jvm.UnixDatagramSockets;
import org.ipcspec.spec.jvm.UnixStreamSockets;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;

/**
 * socket.unix.stream, socket.unix.datagram and socket.pair through junixsocket: {@link
 * AFUNIXSocketChannel}, {@link AFUNIXDatagramChannel} and {@link AFUNIXSocketPair}, the UNIX
 * datagrams and pairs the JDK has no call for.
 */
public final class JunixsocketSockets implements UnixStreamSockets, UnixDatagramSockets, SocketPairs {
  @Override
  public SocketEndpoint unixStreamSocket() throws IpcException {
    return JunixSocket.stream(StreamSocket.open(JunixsocketLibrary.INSTANCE, SocketDomain.UNIX));
  }

  @Override
  public SocketEndpoint unixDatagramSocket() throws IpcException {
    return JunixSocket.datagram(DatagramSocket.open(JunixsocketLibrary.INSTANCE, SocketDomain.UNIX));
  }

  @Override
  public Pair pair(SocketType type) throws IpcException {
    try {
      if (type == SocketType.STREAM) {
        AFUNIXSocketPair<AFUNIXSocketChannel> pair = AFUNIXSocketPair.open();
        return new Pair(stream(pair.getSocket1()), stream(pair.getSocket2()));
      }
      AFUNIXSocketPair<AFUNIXDatagramChannel> pair = AFUNIXSocketPair.openDatagram();
      return new Pair(datagram(pair.getSocket1()), datagram(pair.getSocket2()));
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  private static SocketEndpoint stream(AFUNIXSocketChannel channel) {
    return JunixSocket.stream(StreamSocket.of(JunixsocketLibrary.INSTANCE, SocketDomain.UNIX, channel));
  }

  private static SocketEndpoint datagram(AFUNIXDatagramChannel channel) {
    return JunixSocket.datagram(DatagramSocket.of(JunixsocketLibrary.INSTANCE, SocketDomain.UNIX, channel));
  }
}
