package org.ipcspec.plugins.nio;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.ipcspec.spec.jvm.Address;

/**
 * A library that hands out java.nio socket channels: the JDK's own ({@code SocketChannel.open}),
 * or another one whose channels extend java.nio's (junixsocket's {@code AFUNIXSocketChannel}).
 * {@link StreamSocket} and {@link DatagramSocket} drive the channels through java.nio's API
 * only, so what they report of a library is what its channels do under that API.
 */
public interface SocketLibrary {

  /** The library's name as the agent's messages say it: "the JDK", "junixsocket". */
  String name();

  /** socket(2) of a stream socket, as a client channel: unbound, not connected. */
  SocketChannel openStream(SocketDomain domain) throws IOException;

  /**
   * Whether a client channel can be bound. junixsocket's cannot ("Use AF*ServerSocket#bind or
   * #bindOn"): its only way to name a stream socket is a server channel's {@code bind}, which
   * listens at once, so {@link StreamSocket} binds such a channel at bind(2), and listen(2) then
   * finds it listening.
   */
  default boolean bindsStreamClients() {
    return true;
  }

  /** A server channel, whose {@code bind} is bind(2) and listen(2) in one call. */
  ServerSocketChannel openServer(SocketDomain domain) throws IOException;

  /** socket(2) of a datagram socket. */
  DatagramChannel openDatagram(SocketDomain domain) throws IOException;

  /** The protocol's address in the library's form. */
  SocketAddress toLibrary(Address address);

  /** An Internet address as java.net's, without any name lookup (the host has checked it is dotted). */
  static InetSocketAddress inetSocketAddress(Address.Inet inet) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(inet.octets()), inet.port());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four octets are always an address", e);
    }
  }

  /** The library's address in the protocol's form; null stays null. */
  Address fromLibrary(SocketAddress address);

  /**
   * The file a UNIX-domain address names, or null for an address that names none (an Internet
   * address, an unnamed or abstract one).
   */
  Path socketFile(SocketAddress address);
}
