package org.ipcspec.spec.jvm;

import java.util.List;
import java.util.Objects;

/**
 * A socket: one descriptor, made by socket(2), accept(2) or socketpair(2), whose state changes
 * with the calls made on it (bound, listening, connected). The host names it by one handle for its
 * whole life, as a C program keeps one descriptor: an implementation whose library models the
 * states with different objects (Java's {@code SocketChannel} and {@code ServerSocketChannel})
 * keeps them behind this one object.
 *
 * <p>{@link #read}, {@link #write} and {@link #close} are read(2), write(2) and close(2): they work
 * on a connected stream socket as on a pipe, and a write to a stream whose peer has gone fails with
 * {@code EPIPE} (the agent does not die of SIGPIPE).
 *
 * <p>Errors are {@link IpcException}s with the errno name the system gives. When the
 * implementation's library refuses a call before reaching the system, for a reason the system
 * would refuse it too (a Java {@code NotYetConnectedException}, an address of another family), the
 * code is the one the system gives in that case. When the library cannot make a call that the
 * system would accept, the method throws {@link UnsupportedOperationException}, and the host
 * answers {@code UNSUPPORTED_OP} with its message.
 */
public interface SocketEndpoint extends Endpoint {

  /**
   * bind(2): gives the socket a name. The unnamed UNIX-domain address (empty path) asks Linux to
   * choose a name in its abstract namespace (autobind, unix(7)); such names are reported as {@code
   * @} followed by the name.
   *
   * @return the name the socket got, as getsockname(2) tells it: with port 0, the port the
   *     system chose
   * @throws IpcException {@code EADDRINUSE} when the name is taken (for a UNIX-domain socket:
   *     when the path exists, even if nobody listens behind it), {@code EINVAL} when the socket is
   *     already bound or a UNIX-domain socket is given an Internet address, {@code EAFNOSUPPORT}
   *     when an Internet socket is given a UNIX-domain address
   */
  Address bind(Address address) throws IpcException;

  /**
   * listen(2): the socket accepts connections from now on, queueing up to {@code backlog} of
   * them that nobody accepted yet.
   */
  void listen(int backlog) throws IpcException;

  /**
   * A connection accept(2) took.
   *
   * @param socket the new connected socket, this agent's end of the connection
   * @param peer the client's address; for a UNIX-domain client that did not bind, the unnamed
   *     address (empty path)
   */
  record Accepted(SocketEndpoint socket, Address peer) {
    /** Checks that there is a socket. */
    public Accepted {
      Objects.requireNonNull(socket, "socket");
    }
  }

  /** accept(2): waits until a client connects to this listening socket, and takes its connection. */
  Accepted accept() throws IpcException;

  /**
   * connect(2), blocking: connects a stream socket to a listening one; sets the default
   * destination (and the only source accepted) of a datagram socket.
   *
   * @throws IpcException {@code ECONNREFUSED} when nobody listens there, {@code ENOENT} when a
   *     UNIX-domain path does not exist
   */
  void connect(Address address) throws IpcException;

  /**
   * getsockname(2). For a socket never bound, what the system says of it: the unnamed UNIX-domain
   * address (empty path) or {@link Address.Inet#ANY}.
   */
  Address localAddress() throws IpcException;

  /** getpeername(2): the peer's address, or null when the socket is not connected. */
  Address peerAddress() throws IpcException;

  /**
   * One send(2), or one sendto(2) when {@code to} is not null. (A send that carries descriptors
   * goes to {@link DescriptorPassing}.)
   *
   * @return the number of bytes sent
   */
  int send(byte[] data, Address to) throws IpcException;

  /**
   * What one recvmsg(2) or recvfrom(2) received.
   *
   * @param data the bytes received; empty at the end of a stream, or for an empty datagram
   * @param from the sender's address when the system gives one, else null
   * @param truncated whether a datagram was longer than the buffer (MSG_TRUNC), its rest lost; null
   *     when the implementation cannot know
   * @param eof whether the call returned 0 on a stream: end-of-file (never for a datagram, which
   *     may be empty)
   * @param descriptors the descriptors that came with the data as {@code SCM_RIGHTS}, as new
   *     endpoints of this agent, in the order sent; empty when none came, and always empty for an
   *     implementation without {@link DescriptorPassing} (capability {@code socket.rights})
   */
  record Received(byte[] data, Address from, Boolean truncated, boolean eof, List<Endpoint> descriptors) {
    /** Checks that there are bytes, maybe none, and a list of descriptors, maybe empty. */
    public Received {
      Objects.requireNonNull(data, "data");
      descriptors = List.copyOf(Objects.requireNonNull(descriptors, "descriptors"));
    }

    /** What came without descriptors. */
    public Received(byte[] data, Address from, Boolean truncated, boolean eof) {
      this(data, from, truncated, eof, List.of());
    }
  }

  /**
   * One recvmsg(2) or recvfrom(2) of at most {@code max} bytes: blocks until data, a datagram or
   * end-of-file.
   */
  Received receive(int max) throws IpcException;

  /** Which directions shutdown(2) closes. */
  enum Shutdown {
    /** {@code SHUT_RD}: no more receptions. */
    READ,
    /** {@code SHUT_WR}: no more transmissions; the peer reads end-of-file. */
    WRITE,
    /** {@code SHUT_RDWR}: both. */
    BOTH
  }

  /** shutdown(2): closes one or both directions of a connection, the descriptor staying open. */
  void shutdown(Shutdown how) throws IpcException;
}
