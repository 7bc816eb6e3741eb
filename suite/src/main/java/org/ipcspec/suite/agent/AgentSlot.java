package org.ipcspec.suite.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.ipcspec.spec.jvm.host.AgentEnvironment;
import org.ipcspec.suite.plugin.ControlTransport;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * What the suite prepares for a participant before its agent starts: a scratch folder, a control
 * socket listening for it, and a token. The agent, started by the suite or by another agent,
 * connects to it. The socket is a UNIX-domain one in the scenario's directory, junixsocket's,
 * which tells the credentials (SO_PEERCRED) of the process that connects; or, for a plugin that
 * asks for it, a TCP port on loopback, where the token shows who connected.
 */
public final class AgentSlot implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String participant;
  private final Path scratch;
  private final Path socketPath;
  private final ServerSocketChannel server;
  private final String address;
  private final String token;

  private AgentSlot(String participant, Path scratch, Path socketPath, ServerSocketChannel server, String address) {
    this.participant = participant;
    this.scratch = scratch;
    this.socketPath = socketPath;
    this.server = server;
    this.address = address;
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    this.token = HexFormat.of().formatHex(random);
  }

  public static AgentSlot open(String participant, Path scenarioDir, ControlTransport transport) {
    try {
      if (!Files.isDirectory(scenarioDir)) {
        // Never made again: a run being interrupted has removed it, and would leave it behind.
        throw new IOException("the scenario's folder " + scenarioDir + " is gone");
      }
      Path scratch = Files.createDirectories(scenarioDir.resolve(participant));
      if (transport == ControlTransport.TCP) {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
          server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
          int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
          return new AgentSlot(participant, scratch, null, server, AgentEnvironment.TCP_PREFIX + "127.0.0.1:" + port);
        } catch (IOException e) {
          server.close();
          throw e;
        }
      }
      Path socketPath = scenarioDir.resolve(participant + ".sock");
      AFUNIXServerSocketChannel server = AFUNIXServerSocketChannel.open();
      try {
        server.bind(AFUNIXSocketAddress.of(socketPath));
      } catch (IOException e) {
        server.close();
        throw e;
      }
      return new AgentSlot(participant, scratch, socketPath, server, socketPath.toString());
    } catch (IOException e) {
      throw new HarnessException("cannot prepare the control socket of " + participant + ": " + e.getMessage(), e);
    }
  }

  public String participant() {
    return participant;
  }

  public Path scratch() {
    return scratch;
  }

  /** The UNIX-domain socket's path; null over TCP. */
  public Path socketPath() {
    return socketPath;
  }

  /** What {@code IPCSPEC_CONTROL} says: the socket's path, or {@code tcp:127.0.0.1:PORT}. */
  public String address() {
    return address;
  }

  /** What {@code IPCSPEC_TOKEN} says, and the hello must repeat over TCP. */
  public String token() {
    return token;
  }

  /** Whether the control connection is TCP, where the token, not SO_PEERCRED, tells who connected. */
  public boolean overTcp() {
    return socketPath == null;
  }

  ServerSocketChannel server() {
    return server;
  }

  @Override
  public void close() {
    try {
      server.close();
      if (socketPath != null) {
        Files.deleteIfExists(socketPath);
      }
    } catch (IOException e) {
      // The scenario directory is removed afterwards anyway.
    }
  }
}
