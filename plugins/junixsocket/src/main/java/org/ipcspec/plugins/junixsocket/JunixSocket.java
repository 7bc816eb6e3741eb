package org.ipcspec.plugins.junixsocket;

import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.ipcspec.plugins.nio.ChannelEndpoint;
import org.ipcspec.plugins.nio.DatagramSocket;
import org.ipcspec.plugins.nio.Errno;
import org.ipcspec.plugins.nio.StreamSocket;
import org.ipcspec.plugins.nio.Switchable;
import org.ipcspec.spec.jvm.Address;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.SocketEndpoint;
import org.newsclub.net.unix.AFUNIXSocketExtensions;
import org.newsclub.net.unix.FileDescriptorAccess;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * A junixsocket socket: the java.nio socket of {@link StreamSocket} or {@link DatagramSocket} on
 * junixsocket's channels, plus what junixsocket adds to them: the descriptors that came with the
 * data ({@link AFUNIXSocketExtensions#getReceivedFileDescriptors}), the peer's credentials and the
 * descriptor to pass.
 *
 * <p>junixsocket keeps the descriptors a read brought until they are asked for. A recvmsg(2)
 * hands them over with the data; a read(2) gets the data alone and the kernel closes them. So
 * {@link #receive} returns them, and {@link #read} closes them.
 */
final class JunixSocket implements SocketEndpoint, Switchable {
  /** Room for the control message of the most descriptors one SCM_RIGHTS carries (253). */
  private static final int ANCILLARY_BUFFER = 4096;

  private final SocketEndpoint socket;
  private final Supplier<Channel> channel;
  /**
   * One receive at a time: junixsocket keeps the descriptors that came per socket, so that two
   * receives at once could each take the other's.
   */
  private final Object receiving = new Object();

  private JunixSocket(SocketEndpoint socket, Supplier<Channel> channel) {
    this.socket = socket;
    this.channel = channel;
  }

  static JunixSocket stream(StreamSocket socket) {
    return new JunixSocket(socket, socket::channel);
  }

  static JunixSocket datagram(DatagramSocket socket) {
    return new JunixSocket(socket, socket::channel);
  }

  /** junixsocket's extensions of the channel the socket is now. */
  AFUNIXSocketExtensions extensions() {
    return (AFUNIXSocketExtensions) channel.get();
  }

  /** The socket's descriptor, to pass it. */
  FileDescriptor descriptor() throws IpcException {
    try {
      return ((FileDescriptorAccess) channel.get()).getFileDescriptor();
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  @Override
  public Address bind(Address address) throws IpcException {
    return socket.bind(address);
  }

  @Override
  public void listen(int backlog) throws IpcException {
    socket.listen(backlog);
  }

  @Override
  public Accepted accept() throws IpcException {
    Accepted accepted = socket.accept();
    return new Accepted(stream((StreamSocket) accepted.socket()), accepted.peer());
  }

  @Override
  public void connect(Address address) throws IpcException {
    socket.connect(address);
  }

  @Override
  public Address localAddress() throws IpcException {
    return socket.localAddress();
  }

  @Override
  public Address peerAddress() throws IpcException {
    return socket.peerAddress();
  }

  @Override
  public int send(byte[] data, Address to) throws IpcException {
    return socket.send(data, to);
  }

  @Override
  public Received receive(int max) throws IpcException {
    synchronized (receiving) {
      expectDescriptors();
      Received received;
      try {
        received = socket.receive(max);
      } catch (IpcException | RuntimeException e) {
        closeQuietly(takeDescriptors()); // they must not come with the next, unrelated receive
        throw e;
      }
      FileDescriptor[] arrived = takeDescriptors();
      List<Endpoint> descriptors = new ArrayList<>();
      try {
        for (FileDescriptor descriptor : arrived) {
          descriptors.add(endpoint(descriptor));
        }
      } catch (IpcException | RuntimeException e) {
        closeQuietly(arrived);
        throw e;
      }
      return new Received(received.data(), received.from(), received.truncated(), received.eof(), descriptors);
    }
  }

  @Override
  public byte[] read(int max) throws IpcException {
    synchronized (receiving) {
      expectDescriptors();
      try {
        return socket.read(max);
      } finally {
        closeQuietly(takeDescriptors());
      }
    }
  }

  @Override
  public int write(byte[] data) throws IpcException {
    return socket.write(data);
  }

  @Override
  public void shutdown(Shutdown how) throws IpcException {
    socket.shutdown(how);
  }

  @Override
  public void setNonBlocking(boolean on) throws IpcException {
    ((Switchable) socket).setNonBlocking(on);
  }

  @Override
  public void close() throws IpcException {
    socket.close();
  }

  @Override
  public String toString() {
    return "junixsocket " + socket;
  }

  /** junixsocket drops the control message unless its buffer has room (0 bytes at first). */
  private void expectDescriptors() {
    if (channel.get() instanceof AFUNIXSocketExtensions extensions) {
      extensions.ensureAncillaryReceiveBufferSize(ANCILLARY_BUFFER);
    }
  }

  private FileDescriptor[] takeDescriptors() {
    if (!(channel.get() instanceof AFUNIXSocketExtensions extensions)) {
      return new FileDescriptor[0]; // a listening socket reads nothing
    }
    try {
      FileDescriptor[] descriptors = extensions.getReceivedFileDescriptors();
      return descriptors == null ? new FileDescriptor[0] : descriptors;
    } catch (IOException e) {
      extensions.clearReceivedFileDescriptors();
      return new FileDescriptor[0];
    }
  }

  /** Closes every descriptor, each on its own: one that fails does not keep the others open. */
  private static void closeQuietly(FileDescriptor[] descriptors) {
    for (FileDescriptor descriptor : descriptors) {
      try {
        close(descriptor);
      } catch (IpcException | RuntimeException e) {
        // Nothing more can be done for it; the others still get closed.
      }
    }
  }

  /** A descriptor that came in, as an endpoint: junixsocket casts it to a FileChannel. */
  private static Endpoint endpoint(FileDescriptor descriptor) throws IpcException {
    try {
      return new PassedDescriptor(descriptor,
          new ChannelEndpoint(FileDescriptorCast.using(descriptor).as(FileChannel.class), "a received descriptor"));
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  private static void close(FileDescriptor descriptor) throws IpcException {
    try {
      FileDescriptorCast.using(descriptor).as(FileChannel.class).close();
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }
}
