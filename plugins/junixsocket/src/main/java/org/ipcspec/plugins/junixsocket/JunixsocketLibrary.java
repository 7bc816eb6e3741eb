package org.ipcspec.plugins.junixsocket;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.ipcspec.plugins.nio.SocketDomain;
import org.ipcspec.plugins.nio.SocketLibrary;
import org.ipcspec.spec.jvm.Address;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * junixsocket's channels ({@link AFUNIXSocketChannel}, {@link AFUNIXServerSocketChannel}, {@link
 * AFUNIXDatagramChannel}: java.nio channels on its own native code) and its addresses ({@link
 * AFUNIXSocketAddress}). UNIX domain only.
 */
final class JunixsocketLibrary implements SocketLibrary {
  static final JunixsocketLibrary INSTANCE = new JunixsocketLibrary();

  private JunixsocketLibrary() {}

  @Override
  public String name() {
    return "junixsocket";
  }

  /** junixsocket refuses to bind a client channel: "Use AF*ServerSocket#bind or #bindOn". */
  @Override
  public boolean bindsStreamClients() {
    return false;
  }

  @Override
  public SocketChannel openStream(SocketDomain domain) throws IOException {
    return AFUNIXSocketChannel.open();
  }

  @Override
  public ServerSocketChannel openServer(SocketDomain domain) throws IOException {
    return AFUNIXServerSocketChannel.open();
  }

  @Override
  public DatagramChannel openDatagram(SocketDomain domain) throws IOException {
    return AFUNIXDatagramChannel.open();
  }

  /**
   * A path becomes {@link AFUNIXSocketAddress#of(Path)}. An Internet address is handed to the
   * channel as the JDK's {@link InetSocketAddress}, for junixsocket to answer it as it does.
   */
  @Override
  public SocketAddress toLibrary(Address address) {
    if (address instanceof Address.Unix unix) {
      try {
        return AFUNIXSocketAddress.of(Path.of(unix.path()));
      } catch (SocketException e) {
        // junixsocket refuses the empty address itself ("Address cannot be empty").
        throw new UnsupportedOperationException("junixsocket makes no address of the path \"" + unix.path() + "\": " + e.getMessage(), e);
      }
    }
    return SocketLibrary.inetSocketAddress((Address.Inet) address);
  }

  @Override
  public Address fromLibrary(SocketAddress address) {
    if (address == null) {
      return null;
    }
    if (address instanceof AFUNIXSocketAddress unix) {
      byte[] bytes = unix.getPathAsBytes();
      if (unix.isInAbstractNamespace()) {
        // sun_path starts with NUL; the protocol writes such a name as @ and the rest.
        return new Address.Unix("@" + new String(Arrays.copyOfRange(bytes, 1, bytes.length), StandardCharsets.UTF_8));
      }
      return new Address.Unix(unix.getPath());
    }
    throw new IllegalStateException("junixsocket gave an address of no known family: " + address);
  }

  @Override
  public Path socketFile(SocketAddress address) {
    if (address instanceof AFUNIXSocketAddress unix && unix.hasFilename()) {
      try {
        return unix.getFile().toPath();
      } catch (FileNotFoundException e) {
        return null;
      }
    }
    return null;
  }
}
