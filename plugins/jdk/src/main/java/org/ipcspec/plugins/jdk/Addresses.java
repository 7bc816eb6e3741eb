package org.ipcspec.plugins.jdk;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import org.ipcspec.spec.jvm.Address;

/**
 * The protocol's socket addresses and the JDK's: {@link UnixDomainSocketAddress} for {@code
 * unix}, {@link InetSocketAddress} of an {@link java.net.Inet4Address} for {@code inet}. No name
 * is ever looked up: the host has checked that an Internet address is dotted.
 */
final class Addresses {
  private Addresses() {}

  static SocketAddress toJdk(Address address) {
    if (address instanceof Address.Unix unix) {
      return UnixDomainSocketAddress.of(unix.path());
    }
    Address.Inet inet = (Address.Inet) address;
    try {
      return new InetSocketAddress(InetAddress.getByAddress(inet.octets()), inet.port());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four octets are always an address", e);
    }
  }

  /** The JDK's address in the protocol's form; null stays null. */
  static Address fromJdk(SocketAddress address) {
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
}
