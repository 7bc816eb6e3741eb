package org.ipcspec.plugins.nio;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnsupportedAddressTypeException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import org.ipcspec.spec.jvm.Address;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.SocketEndpoint;

/**
 * A stream socket (UNIX-domain or TCP) on a library's {@link SocketChannel} and {@link
 * ServerSocketChannel}.
 *
 * <p>In C one descriptor goes through socket(2), bind(2), then listen(2) or connect(2). java.nio
 * splits the two roles before anything is bound: a {@code SocketChannel} can bind and connect but
 * never listen, a {@code ServerSocketChannel} can only bind and accept, and its {@code bind} is
 * bind(2) and listen(2) in one call. So this socket starts as a {@code SocketChannel} (socket(2),
 * and bind(2) without listening, as in C: a client connecting to it before {@code listen} is
 * refused) and {@link #listen} replaces it with a {@code ServerSocketChannel} bound to the same
 * address:
 *
 * <ul>
 *   <li>bound to a TCP port: the {@code SocketChannel} is closed, which frees the port, and the
 *       {@code ServerSocketChannel} binds that port at once; another process could take it in
 *       between, and then the listen fails with EADDRINUSE;
 *   <li>bound to a UNIX-domain path: closing leaves the socket file, which keeps the name taken
 *       (bind would fail with EADDRINUSE), so the file is removed first, only if it is still the
 *       one this socket made (same device and inode), and bound anew: a new inode, and for a moment
 *       no file at all;
 *   <li>never bound: {@code ServerSocketChannel.bind(null)}, the JDK's way. For TCP that is what
 *       listen(2) does too (INADDR_ANY and a port the system picks). For a UNIX-domain socket
 *       Linux's listen(2) fails with EINVAL, but the JDK binds a name of its own making, a file
 *       {@code socket_<random>} in {@code java.io.tmpdir} (or {@code jdk.net.unixdomain.tmpdir}),
 *       and listens there. The agent reports what the JDK did: success.
 * </ul>
 *
 * <p>A library whose client channels cannot be bound (junixsocket) gets a server channel at bind,
 * bound and so listening at once with a backlog of {@value #BACKLOG_AT_BIND}; the listen that
 * follows does nothing more. Such a socket takes connections before any listen, and cannot connect
 * (UNSUPPORTED_OP).
 *
 * <p>{@code ServerSocketChannel} sets SO_REUSEADDR before it binds (the JDK's default for
 * servers), where a C program's socket starts without it: a port that an earlier JDK server left
 * in TIME_WAIT binds again here, and fails with EADDRINUSE for a socket without the option.
 *
 * <p>A failed {@code SocketChannel.connect} closes the channel (the JDK's rule): after ECONNREFUSED
 * the socket is gone and every later call answers EBADF, where a C descriptor stays open.
 *
 * <p>Non-blocking ({@link #setNonBlocking}, {@code configureBlocking(false)}): the JDK answers 0
 * bytes for a read or write that would block, {@code null} for an accept with no client waiting,
 * and {@code false} for a connect that goes on in the background; the agent answers EAGAIN,
 * EAGAIN and EINPROGRESS, as the system calls do. A connection left pending is finished ({@code
 * finishConnect}) by the next read or write, which answers EAGAIN while it is still going on, or
 * the connect's error.
 */
public final class StreamSocket implements SocketEndpoint, Switchable {
  /** The backlog of a server channel bound before any listen: java.net's default. */
  static final int BACKLOG_AT_BIND = 50;

  private final SocketLibrary library;
  private final SocketDomain domain;
  /** Serialises the calls that change what the socket is (bind, listen, close). */
  private final Object transition = new Object();
  /** The socket until it listens: unbound, bound, connecting or connected. Null once listening. */
  private volatile SocketChannel client;
  /** The socket once it listens. */
  private volatile ServerSocketChannel server;
  /** The device and inode of the socket file a UNIX-domain bind made, to remove only that one. */
  private volatile Object boundFile;
  private volatile boolean connectFailed;
  /** Whether bind made a listening server channel and no listen came yet (see {@link SocketLibrary#bindsStreamClients}). */
  private volatile boolean listeningSinceBind;
  /** O_NONBLOCK as handle.nonblocking set it, kept across the change to a ServerSocketChannel. */
  private volatile boolean nonBlocking;

  private StreamSocket(SocketLibrary library, SocketDomain domain, SocketChannel client) {
    this.library = library;
    this.domain = domain;
    this.client = client;
  }

  /** A connected channel the library made otherwise (one end of a socket pair) as a socket. */
  public static StreamSocket of(SocketLibrary library, SocketDomain domain, SocketChannel connected) {
    return new StreamSocket(library, domain, connected);
  }

  /** socket(2): a new, unbound socket. */
  public static StreamSocket open(SocketLibrary library, SocketDomain domain) throws IpcException {
    try {
      return new StreamSocket(library, domain, library.openStream(domain));
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public Address bind(Address address) throws IpcException {
    synchronized (transition) {
      if (server != null) {
        // ServerSocketChannel.bind would throw AlreadyBoundException; bind(2) says EINVAL.
        throw new IpcException("EINVAL", "the socket is listening, hence bound already");
      }
      SocketChannel channel = client;
      if (address instanceof Address.Unix unix && unix.unnamed()) {
        // Seen with strace: SocketChannel.bind of an empty path makes no bind(2) and leaves the
        // socket unnamed; ServerSocketChannel.bind refuses it.
        throw new UnsupportedOperationException(
            library.name() + " cannot ask Linux to choose an abstract name (autobind): SocketChannel.bind of the empty path makes "
                + "no bind(2) and leaves the socket unnamed, and ServerSocketChannel.bind refuses it (\"Server socket "
                + "cannot bind to unnamed address\")");
      }
      if (!library.bindsStreamClients()) {
        return bindListening(channel, address);
      }
      try {
        channel.bind(library.toLibrary(address));
      } catch (UnsupportedAddressTypeException e) {
        throw otherFamily(address, e);
      } catch (AlreadyBoundException e) {
        if (!domain.owns(address)) {
          throw otherFamily(address, e); // the JDK checks the state first, bind(2) the family
        }
        throw alreadyBound(channel, e);
      } catch (IOException e) {
        throw closedAfterFailedConnect(Errno.of(e));
      }
      if (address instanceof Address.Unix unix && !unix.unnamed()) {
        boundFile = fileKey(Path.of(unix.path()));
      }
      return localAddress();
    }
  }

  /**
   * The only bind of a library that names no client channel: a server channel bound, hence
   * listening, with {@link #BACKLOG_AT_BIND}; the listen that follows has nothing left to do.
   */
  private Address bindListening(SocketChannel channel, Address address) throws IpcException {
    ServerSocketChannel listening = openServer();
    try {
      listening.bind(library.toLibrary(address), BACKLOG_AT_BIND);
    } catch (IllegalArgumentException e) { // UnsupportedAddressTypeException, or junixsocket's own refusal
      close(listening);
      throw otherFamily(address, e);
    } catch (IOException e) {
      close(listening);
      throw Errno.of(e);
    }
    try {
      channel.close();
    } catch (IOException e) {
      // The unbound client channel is not used again; its descriptor is released either way.
    }
    if (nonBlocking) {
      configure(listening, true);
    }
    server = listening;
    client = null;
    listeningSinceBind = true;
    if (address instanceof Address.Unix unix && !unix.unnamed()) {
      boundFile = fileKey(Path.of(unix.path()));
    }
    return localAddress();
  }

  @Override
  public void listen(int backlog) throws IpcException {
    synchronized (transition) {
      if (listeningSinceBind) {
        listeningSinceBind = false; // bindListening did it, with BACKLOG_AT_BIND
        return;
      }
      if (server != null) {
        throw new UnsupportedOperationException(
            "the socket listens already: listen(2) again would set a new backlog, but a ServerSocketChannel's "
                + "backlog is fixed when it binds");
      }
      SocketChannel channel = client;
      if (!channel.isOpen()) {
        throw closedAfterFailedConnect(new IpcException("EBADF", "the socket is closed"));
      }
      if (channel.isConnected() || channel.isConnectionPending()) {
        throw new IpcException("EINVAL", "a connected socket cannot listen (a SocketChannel has no listen; listen(2) answers EINVAL)");
      }
      SocketAddress local;
      try {
        local = channel.getLocalAddress();
      } catch (IOException e) {
        throw Errno.of(e);
      }
      ServerSocketChannel listening = openServer();
      try {
        if (local == null) {
          listening.bind(null, backlog);
        } else {
          channel.close();
          Path file = library.socketFile(local);
          if (file != null) {
            removeOwnSocketFile(file);
          }
          listening.bind(local, backlog);
        }
      } catch (IOException e) {
        close(listening);
        IpcException failure = Errno.of(e);
        throw new IpcException(failure.code(),
            library.name() + " cannot make a bound SocketChannel listen: the agent closed it and bound a ServerSocketChannel to "
                + local + " with backlog " + backlog + ", which failed: " + failure.getMessage(), e);
      }
      if (nonBlocking) {
        configure(listening, true);
      }
      server = listening;
      client = null;
    }
  }

  @Override
  public void setNonBlocking(boolean on) throws IpcException {
    synchronized (transition) {
      ServerSocketChannel listening = server;
      configure(listening != null ? listening : client, on);
      nonBlocking = on;
    }
  }

  private static void configure(SelectableChannel channel, boolean nonBlocking) throws IpcException {
    try {
      // Takes the channel's locks: waits while another thread is blocked in it (see Pipes in README.md).
      channel.configureBlocking(!nonBlocking);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public Accepted accept() throws IpcException {
    ServerSocketChannel listening = server;
    if (listening == null) {
      throw new IpcException("EINVAL", "the socket is not listening (a SocketChannel has no accept; accept(2) answers EINVAL)");
    }
    try {
      SocketChannel connection = listening.accept();
      if (connection == null) {
        throw new IpcException("EAGAIN", "no connection is waiting and the socket is non-blocking (" + library.name() + "'s accept returned null)");
      }
      // Like accept(2), the new socket is blocking whatever the listening one is.
      Address peer = library.fromLibrary(connection.getRemoteAddress());
      // A library may say null for a client that has no name; accept(2) gives the unnamed address.
      return new Accepted(new StreamSocket(library, domain, connection), peer == null ? domain.unnamed() : peer);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public void connect(Address address) throws IpcException {
    if (listeningSinceBind) {
      throw new UnsupportedOperationException(library.name() + " names a stream socket only by binding a server channel, which "
          + "listens at once and cannot connect; connect(2) of a socket that is bound and not listening connects it");
    }
    if (server != null) {
      throw new IpcException(domain.connectListening,
          "the socket is listening (a ServerSocketChannel has no connect; connect(2) answers " + domain.connectListening + ")");
    }
    SocketChannel channel = client;
    boolean connected;
    try {
      connected = channel.connect(library.toLibrary(address));
    } catch (UnsupportedAddressTypeException e) {
      throw otherFamily(address, e);
    } catch (AlreadyConnectedException e) {
      throw new IpcException("EISCONN", "the socket is connected already (AlreadyConnectedException)", e);
    } catch (ConnectionPendingException e) {
      throw new IpcException("EALREADY", "another connect of this socket is in progress (ConnectionPendingException)", e);
    } catch (ClosedChannelException e) {
      throw closedAfterFailedConnect(Errno.of(e));
    } catch (IOException e) {
      connectFailed = true;
      IpcException failure = Errno.of(e);
      throw new IpcException(failure.code(), failure.getMessage() + " (" + library.name() + " has closed the socket: a failed connect closes a SocketChannel)", e);
    }
    if (!connected) {
      throw new IpcException("EINPROGRESS", "the socket is non-blocking and the connection goes on in the background (" + library.name() + "'s connect returned false)");
    }
  }

  /** Finishes a connect that went on in the background; false while it still does (non-blocking). */
  private boolean finishPendingConnect(SocketChannel channel) throws IpcException {
    if (!channel.isConnectionPending()) {
      return true;
    }
    try {
      return channel.finishConnect();
    } catch (IOException e) {
      connectFailed = true;
      IpcException failure = Errno.of(e);
      throw new IpcException(failure.code(), failure.getMessage() + " (the connect that went on in the background failed; "
          + library.name() + " has closed the socket)", e);
    }
  }

  @Override
  public Address localAddress() throws IpcException {
    try {
      ServerSocketChannel listening = server;
      SocketAddress local = listening != null ? listening.getLocalAddress() : client.getLocalAddress();
      // The JDK says null for a socket that has no name; getsockname(2) says the unnamed address.
      return local == null ? domain.unnamed() : library.fromLibrary(local);
    } catch (IOException e) {
      throw closedAfterFailedConnect(Errno.of(e));
    }
  }

  @Override
  public Address peerAddress() throws IpcException {
    SocketChannel channel = client;
    if (channel == null) {
      return null; // listening: no peer
    }
    try {
      return library.fromLibrary(channel.getRemoteAddress());
    } catch (IOException e) {
      throw closedAfterFailedConnect(Errno.of(e));
    }
  }

  @Override
  public int send(byte[] data, Address to) throws IpcException {
    if (to == null) {
      return write(data); // send(2) without flags is write(2)
    }
    SocketChannel channel = client;
    if (channel == null || !channel.isConnected()) {
      throw new IpcException(domain.sendToNotConnected,
          "a SocketChannel has no sendto; sendto(2) on a stream socket that is not connected answers " + domain.sendToNotConnected);
    }
    if (domain == SocketDomain.UNIX) {
      throw new IpcException("EISCONN", "a SocketChannel has no sendto; sendto(2) with an address on a connected UNIX-domain stream socket answers EISCONN");
    }
    throw new UnsupportedOperationException(
        "a SocketChannel has no sendto: Linux's TCP ignores the address given to a connected socket and sends, " + library.name() + " cannot say it");
  }

  @Override
  public Received receive(int max) throws IpcException {
    // One read(2): a SocketChannel has no recvfrom, so no sender's address (on a UNIX-domain
    // stream Linux would give the peer's name).
    byte[] data = read(max);
    return data == null ? new Received(new byte[0], null, null, true) : new Received(data, null, null, false);
  }

  @Override
  public void shutdown(Shutdown how) throws IpcException {
    SocketChannel channel = client;
    if (channel == null) {
      throw new UnsupportedOperationException(
          "a ServerSocketChannel has no shutdown; Linux accepts shutdown(2) of a listening socket");
    }
    try {
      switch (how) {
        case READ -> channel.shutdownInput();
        case WRITE -> channel.shutdownOutput();
        case BOTH -> {
          channel.shutdownInput();
          channel.shutdownOutput();
        }
      }
    } catch (NotYetConnectedException e) {
      if (domain == SocketDomain.UNIX) {
        throw new UnsupportedOperationException(
            library.name() + " refuses to shut down a SocketChannel that is not connected (NotYetConnectedException); "
                + "Linux accepts shutdown(2) of an unconnected UNIX-domain socket");
      }
      throw new IpcException("ENOTCONN", "the socket is not connected (NotYetConnectedException)", e);
    } catch (IOException e) {
      throw closedAfterFailedConnect(Errno.of(e));
    }
  }

  @Override
  public int write(byte[] data) throws IpcException {
    SocketChannel channel = client;
    if (channel == null) {
      throw new IpcException(domain.writeNotConnected, "the socket is listening, not connected (a ServerSocketChannel has no write)");
    }
    if (!finishPendingConnect(channel)) {
      throw new IpcException("EAGAIN", "the connection is still being made and the socket is non-blocking");
    }
    try {
      // One call: in blocking mode the JDK makes one write(2), retried only after EINTR.
      int n = channel.write(ByteBuffer.wrap(data));
      if (n == 0 && data.length > 0 && !channel.isBlocking()) {
        throw new IpcException("EAGAIN", "the socket's buffer is full and the socket is non-blocking (" + library.name() + " returned 0)");
      }
      return n;
    } catch (NotYetConnectedException e) {
      throw new IpcException(domain.writeNotConnected, "the socket is not connected (NotYetConnectedException)", e);
    } catch (ClosedChannelException e) {
      if (channel.isOpen()) {
        // The JDK throws ClosedChannelException for a write after shutdownOutput; write(2) says EPIPE.
        throw new IpcException("EPIPE", "the socket was shut down for writing (" + library.name() + " threw ClosedChannelException)", e);
      }
      throw closedAfterFailedConnect(Errno.of(e));
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public byte[] read(int max) throws IpcException {
    SocketChannel channel = client;
    if (channel == null) {
      throw new IpcException(domain.readNotConnected, "the socket is listening, not connected (a ServerSocketChannel has no read)");
    }
    if (!finishPendingConnect(channel)) {
      throw new IpcException("EAGAIN", "the connection is still being made and the socket is non-blocking");
    }
    ByteBuffer buffer = ByteBuffer.allocate(max);
    try {
      int n = channel.read(buffer);
      if (n == 0 && !channel.isBlocking()) {
        throw new IpcException("EAGAIN", "no data is waiting and the socket is non-blocking (" + library.name() + " returned 0)");
      }
      return n < 0 ? null : Arrays.copyOf(buffer.array(), n);
    } catch (NotYetConnectedException e) {
      throw new IpcException(domain.readNotConnected, "the socket is not connected (NotYetConnectedException)", e);
    } catch (IOException e) {
      throw closedAfterFailedConnect(Errno.of(e));
    }
  }

  @Override
  public void close() throws IpcException {
    synchronized (transition) {
      try {
        ServerSocketChannel listening = server;
        if (listening != null) {
          listening.close();
        }
        SocketChannel channel = client;
        if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        throw Errno.of(e);
      }
    }
  }

  /**
   * The channel the socket is now: a SocketChannel, or a ServerSocketChannel once it listens; for
   * a library's own calls on it (junixsocket's peer credentials, descriptors).
   */
  public NetworkChannel channel() {
    ServerSocketChannel listening = server;
    return listening != null ? listening : client;
  }

  @Override
  public String toString() {
    return domain + " stream socket " + (server != null ? server : client);
  }

  private IpcException otherFamily(Address address, RuntimeException e) {
    return new IpcException(domain.otherFamily,
        "a " + domain + " socket given " + address + " (" + library.name() + " refuses: " + e.getClass().getSimpleName() + "; "
            + "the system answers " + domain.otherFamily + ")", e);
  }

  private IpcException alreadyBound(SocketChannel channel, AlreadyBoundException e) {
    if (domain == SocketDomain.UNIX && channel.isConnected()) {
      try {
        SocketAddress local = channel.getLocalAddress();
        if (local != null && new Address.Unix("").equals(library.fromLibrary(local))) {
          throw new UnsupportedOperationException(
              library.name() + " refuses to bind a connected SocketChannel (AlreadyBoundException); Linux names a connected "
                  + "UNIX-domain socket that has no name yet");
        }
      } catch (IOException ignored) {
        // Fall through to the bind(2) answer for a socket that has a name.
      }
    }
    return new IpcException("EINVAL", "the socket is bound already (AlreadyBoundException)", e);
  }

  /** Names the JDK's rule when a socket whose connect failed is used again. */
  private IpcException closedAfterFailedConnect(IpcException e) {
    if (connectFailed && "EBADF".equals(e.code())) {
      return new IpcException("EBADF", library.name() + " closed this socket when its connect failed", e);
    }
    return e;
  }

  private void removeOwnSocketFile(Path path) throws IOException {
    Object key = fileKey(path);
    if (key != null && Objects.equals(key, boundFile)) {
      try {
        Files.delete(path);
      } catch (NoSuchFileException e) {
        // Someone removed it meanwhile: the name is free.
      }
    }
  }

  private static Object fileKey(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  private ServerSocketChannel openServer() throws IpcException {
    try {
      return library.openServer(domain);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  private static void close(ServerSocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Already failing: the first error is the one to report.
    }
  }
}
