package org.ipcspec.plugins.jdk;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.ipcspec.plugins.nio.SocketDomain;
import org.ipcspec.plugins.nio.SocketLibrary;
import org.ipcspec.spec.jvm.Address;

/**
 * The JDK's own channels, opened with an explicit {@link java.net.StandardProtocolFamily}, and its
 * addresses: {@link UnixDomainSocketAddress} for {@code unix}, {@link InetSocketAddress} of an
 * {@link java.net.Inet4Address} for {@code inet}. No name is ever looked up: the host has checked
 * that an Internet address is dotted.
 */
final class JdkSocketLibrary implements SocketLibrary {
  static final JdkSocketLibrary INSTANCE = new JdkSocketLibrary();

  private JdkSocketLibrary() {}

  @Override
  public String name() {
    return "the JDK";
  }

  @Override
  public SocketChannel openStream(SocketDomain domain) throws IOException {
    return SocketChannel.open(domain.family());
  }

  @Override
  public ServerSocketChannel openServer(SocketDomain domain) throws IOException {
    return ServerSocketChannel.open(domain.family());
  }

  @Override
  public DatagramChannel openDatagram(SocketDomain domain) throws IOException {
    return DatagramChannel.open(domain.family());
  }

  @Override
  public SocketAddress toLibrary(Address address) {
    if (address instanceof Address.Unix unix) {
      return UnixDomainSocketAddress.of(unix.path());
    }
    return SocketLibrary.inetSocketAddress((Address.Inet) address);
  }

  @Override
  public Address fromLibrary(SocketAddress address) {
    if (address == null) {
      return null;
    }
    if (address instanceof UnixDomainSocketAddress unix) {
      return new Address.Unix(unix.getPath().toString());
    }
    if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return new Address.Inet(inet.getAddress().getHostAddress(), inet.getPort());
    }
    throw new IllegalStateException("the JDK gave an address of no known family: " + address);
  }

  @Override
  public Path socketFile(SocketAddress address) {
    return address instanceof UnixDomainSocketAddress unix && !unix.getPath().toString().isEmpty() ? unix.getPath() : null;
  }
}
