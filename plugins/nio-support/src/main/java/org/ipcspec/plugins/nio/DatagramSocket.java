package org.ipcspec.plugins.nio;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Arrays;
import org.ipcspec.spec.jvm.Address;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.SocketEndpoint;

/**
 * A datagram socket on a {@link DatagramChannel} of the library: UDP over AF_INET (the JDK's
 * channel of {@code StandardProtocolFamily.INET}, not the dual-stack AF_INET6 one {@code
 * DatagramChannel.open()} would make), or AF_UNIX (junixsocket's).
 *
 * <p>Where java.nio's DatagramChannel differs from the calls of C (plugins/jdk/README.md,
 * "Sockets"):
 *
 * <ul>
 *   <li>{@code receive} is recvfrom(2) into a buffer of {@code max} bytes, without MSG_TRUNC: a
 *       longer datagram is cut and its rest dropped without a word. The agent reports {@code
 *       truncated: false} when fewer than {@code max} bytes came (the datagram fit), and leaves
 *       {@code truncated} out when exactly {@code max} came: the API cannot tell a datagram of
 *       {@code max} bytes from a longer one.
 *   <li>{@code connect} of a channel connected already fails (AlreadyConnectedException) where
 *       connect(2) moves the default destination: the agent disconnects and connects again, two
 *       calls with a moment between them where the socket is not connected. And {@code
 *       DatagramChannel.connect} throws away every datagram already waiting in the socket, from the
 *       new peer too, where Linux keeps them.
 *   <li>A send to another address than the connected one fails in java.nio
 *       (AlreadyConnectedException) where sendto(2) sends: UNSUPPORTED_OP.
 *   <li>A connected channel's {@code write} of zero bytes makes no system call and sends no
 *       datagram, where send(2) of zero bytes sends an empty datagram.
 *   <li>A DatagramChannel has no shutdown.
 * </ul>
 */
public final class DatagramSocket implements SocketEndpoint, Switchable {
  private final SocketLibrary library;
  private final SocketDomain domain;
  private final DatagramChannel channel;
  private final Object connecting = new Object();

  private DatagramSocket(SocketLibrary library, SocketDomain domain, DatagramChannel channel) {
    this.library = library;
    this.domain = domain;
    this.channel = channel;
  }

  /** A channel the library made otherwise (one end of a socket pair) as a socket. */
  public static DatagramSocket of(SocketLibrary library, SocketDomain domain, DatagramChannel channel) {
    return new DatagramSocket(library, domain, channel);
  }

  /** socket(2) of a datagram socket of the domain, through the library. */
  public static DatagramSocket open(SocketLibrary library, SocketDomain domain) throws IpcException {
    try {
      return new DatagramSocket(library, domain, library.openDatagram(domain));
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public Address bind(Address address) throws IpcException {
    try {
      channel.bind(library.toLibrary(address));
    } catch (UnsupportedAddressTypeException e) {
      throw otherFamily(address, e);
    } catch (AlreadyBoundException e) {
      throw new IpcException("EINVAL", "the socket is bound already (AlreadyBoundException)", e);
    } catch (IOException e) {
      throw Errno.of(e);
    }
    return localAddress();
  }

  @Override
  public void listen(int backlog) throws IpcException {
    throw new IpcException("EOPNOTSUPP", "a datagram socket cannot listen (a DatagramChannel has no listen; listen(2) answers EOPNOTSUPP)");
  }

  @Override
  public Accepted accept() throws IpcException {
    throw new IpcException("EOPNOTSUPP", "a datagram socket takes no connections (a DatagramChannel has no accept; accept(2) answers EOPNOTSUPP)");
  }

  @Override
  public void connect(Address address) throws IpcException {
    SocketAddress target = library.toLibrary(address);
    synchronized (connecting) {
      try {
        if (channel.isConnected()) {
          if (!domain.owns(address)) {
            throw otherFamily(address, new UnsupportedAddressTypeException()); // and stay connected, as in C
          }
          // connect(2) moves the destination; the JDK refuses (AlreadyConnectedException) unless
          // the channel is disconnected first.
          channel.disconnect();
        }
        channel.connect(target);
      } catch (UnsupportedAddressTypeException e) {
        throw otherFamily(address, e);
      } catch (IOException e) {
        throw Errno.of(e);
      }
    }
  }

  @Override
  public Address localAddress() throws IpcException {
    try {
      SocketAddress local = channel.getLocalAddress();
      return local == null ? domain.unnamed() : library.fromLibrary(local);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public Address peerAddress() throws IpcException {
    try {
      return library.fromLibrary(channel.getRemoteAddress());
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public int send(byte[] data, Address to) throws IpcException {
    if (to == null) {
      return write(data);
    }
    try {
      return wouldBlock(channel.send(ByteBuffer.wrap(data), library.toLibrary(to)), data);
    } catch (UnsupportedAddressTypeException e) {
      throw otherFamily(to, e);
    } catch (AlreadyConnectedException e) {
      throw new UnsupportedOperationException(
          library.name() + " refuses to send to " + to + " from a DatagramChannel connected to another address "
              + "(AlreadyConnectedException); sendto(2) sends it");
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public Received receive(int max) throws IpcException {
    ByteBuffer buffer = ByteBuffer.allocate(max);
    try {
      SocketAddress from = channel.receive(buffer);
      if (from == null) {
        throw new IpcException("EAGAIN", "no datagram is waiting and the socket is non-blocking (" + library.name() + "'s receive returned null)");
      }
      int n = buffer.position();
      // No MSG_TRUNC in the JDK: a datagram that filled the buffer may have been longer.
      Boolean truncated = n < max ? Boolean.FALSE : null;
      return new Received(Arrays.copyOf(buffer.array(), n), library.fromLibrary(from), truncated, false);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public void shutdown(Shutdown how) throws IpcException {
    if (!channel.isConnected()) {
      throw new IpcException("ENOTCONN", "the socket is not connected (shutdown(2) answers ENOTCONN)");
    }
    throw new UnsupportedOperationException("a DatagramChannel has no shutdown; Linux accepts shutdown(2) of a connected UDP socket");
  }

  @Override
  public int write(byte[] data) throws IpcException {
    try {
      return wouldBlock(channel.write(ByteBuffer.wrap(data)), data);
    } catch (NotYetConnectedException e) {
      throw new IpcException(domain.sendNoDestination, "the socket has no destination: it is not connected (NotYetConnectedException)", e);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  /**
   * read(2) of a datagram: {@code receive}, which works connected or not (the JDK's {@code read}
   * insists on a connected channel, read(2) does not). An empty datagram makes read(2) return 0,
   * which the protocol reports as end-of-file, as a C agent would.
   */
  @Override
  public byte[] read(int max) throws IpcException {
    byte[] data = receive(max).data();
    return data.length == 0 ? null : data;
  }

  @Override
  public void setNonBlocking(boolean on) throws IpcException {
    try {
      channel.configureBlocking(!on);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  /** A non-blocking send that sent nothing of a datagram that is not empty would have blocked. */
  private int wouldBlock(int sent, byte[] data) throws IpcException {
    if (sent == 0 && data.length > 0) {
      throw new IpcException("EAGAIN", "no room for the datagram and the socket is non-blocking (" + library.name() + " sent 0 bytes)");
    }
    return sent;
  }

  @Override
  public void close() throws IpcException {
    try {
      channel.close();
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  /** The channel, for a library's own calls on it (junixsocket's peer credentials, descriptors). */
  public DatagramChannel channel() {
    return channel;
  }

  @Override
  public String toString() {
    return domain + " datagram socket " + channel;
  }

  private IpcException otherFamily(Address address, RuntimeException e) {
    return new IpcException(domain.otherFamily, "a " + domain + " datagram socket given " + address + " (" + library.name()
        + " refuses: " + e.getClass().getSimpleName() + "; the system answers " + domain.otherFamily + ")", e);
  }
}
