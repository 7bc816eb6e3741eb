package org.ipcspec.suite.agent;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * What the suite prepares for a participant before its agent starts: a scratch folder and a
 * control socket listening in the scenario's directory. The agent, started by the suite or by
 * another agent, connects to it. The socket is junixsocket's, which tells the credentials
 * (SO_PEERCRED) of the process that connects.
 */
public final class AgentSlot implements AutoCloseable {
  private final String participant;
  private final Path scratch;
  private final Path socketPath;
  private final ServerSocketChannel server;

  private AgentSlot(String participant, Path scratch, Path socketPath, ServerSocketChannel server) {
    this.participant = participant;
    this.scratch = scratch;
    this.socketPath = socketPath;
    this.server = server;
  }

  public static AgentSlot open(String participant, Path scenarioDir) {
    try {
      Path scratch = Files.createDirectories(scenarioDir.resolve(participant));
      Path socketPath = scenarioDir.resolve(participant + ".sock");
      AFUNIXServerSocketChannel server = AFUNIXServerSocketChannel.open();
      try {
        server.bind(AFUNIXSocketAddress.of(socketPath));
      } catch (IOException e) {
        server.close();
        throw e;
      }
      return new AgentSlot(participant, scratch, socketPath, server);
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

  public Path socketPath() {
    return socketPath;
  }

  ServerSocketChannel server() {
    return server;
  }

  @Override
  public void close() {
    try {
      server.close();
      Files.deleteIfExists(socketPath);
    } catch (IOException e) {
      // The scenario directory is removed afterwards anyway.
    }
  }
}
