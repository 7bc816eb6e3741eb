package org.ipcspec.plugins.nio;

import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import org.ipcspec.spec.jvm.Address;

/**
 * A socket's domain, and what Linux answers in the cases where java.nio refuses a call before it
 * reaches the system, for a reason the system would refuse it too. The exception then says
 * why ({@code NotYetConnectedException}, {@code UnsupportedAddressTypeException}) but carries no
 * errno; the name reported is the one Linux gives for that reason in that domain, as observed
 * with the same calls made from C (Python's socket module) on Linux 6.18:
 *
 * <table>
 *   <caption>Linux's answers by domain</caption>
 *   <tr><th>case</th><th>AF_UNIX</th><th>AF_INET</th></tr>
 *   <tr><td>read(2) of a stream socket not connected (or listening)</td><td>EINVAL</td><td>ENOTCONN</td></tr>
 *   <tr><td>write(2) to a stream socket not connected (or listening)</td><td>ENOTCONN</td><td>EPIPE</td></tr>
 *   <tr><td>bind(2) or connect(2) with an address of the other family</td><td>EINVAL</td><td>EAFNOSUPPORT</td></tr>
 *   <tr><td>connect(2) of a listening stream socket</td><td>EINVAL</td><td>EISCONN</td></tr>
 *   <tr><td>sendto(2) with an address on a stream socket not connected</td><td>EOPNOTSUPP</td><td>EPIPE</td></tr>
 *   <tr><td>write(2) to a datagram socket not connected</td><td>ENOTCONN</td><td>EDESTADDRREQ</td></tr>
 * </table>
 */
public enum SocketDomain {
  /** {@code AF_UNIX}. */
  UNIX(StandardProtocolFamily.UNIX, "EINVAL", "ENOTCONN", "EINVAL", "EINVAL", "EOPNOTSUPP", "ENOTCONN"),
  /** {@code AF_INET}. */
  INET(StandardProtocolFamily.INET, "ENOTCONN", "EPIPE", "EAFNOSUPPORT", "EISCONN", "EPIPE", "EDESTADDRREQ");

  final ProtocolFamily family;
  final String readNotConnected;
  final String writeNotConnected;
  final String otherFamily;
  final String connectListening;
  final String sendToNotConnected;
  final String sendNoDestination;

  SocketDomain(ProtocolFamily family, String readNotConnected, String writeNotConnected, String otherFamily,
      String connectListening, String sendToNotConnected, String sendNoDestination) {
    this.family = family;
    this.readNotConnected = readNotConnected;
    this.writeNotConnected = writeNotConnected;
    this.otherFamily = otherFamily;
    this.connectListening = connectListening;
    this.sendToNotConnected = sendToNotConnected;
    this.sendNoDestination = sendNoDestination;
  }

  /** The java.nio protocol family of this domain. */
  public ProtocolFamily family() {
    return family;
  }

  /** Whether the address is of this domain's family. */
  boolean owns(Address address) {
    return this == UNIX ? address instanceof Address.Unix : address instanceof Address.Inet;
  }

  /** What getsockname(2) says of a socket of this domain that has no name. */
  Address unnamed() {
    return this == UNIX ? new Address.Unix("") : Address.Inet.ANY;
  }
}
