package org.ipcspec.suite.agent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ipcspec.spec.jvm.host.AgentEnvironment;
import org.ipcspec.spec.protocol.ControlChannel;
import org.ipcspec.spec.protocol.Hello;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.spec.protocol.ProtocolVersion;
import org.ipcspec.suite.plugin.PluginDescriptor;

/**
 * One participant's agent: a separate OS process, started with the protocol's environment and
 * reached over its own control socket. Its operations run through an {@link AgentConnection}.
 */
public final class Agent implements AutoCloseable {
  private final String participant;
  private final Process process;
  private final ServerSocketChannel server;
  private final Path socketPath;
  private final Path stderr;
  private final History history;
  private final Timeouts timeouts;
  private AgentConnection connection;

  private Agent(String participant, Process process, ServerSocketChannel server, Path socketPath,
      Path stderr, History history, Timeouts timeouts) {
    this.participant = participant;
    this.process = process;
    this.server = server;
    this.socketPath = socketPath;
    this.stderr = stderr;
    this.history = history;
    this.timeouts = timeouts;
  }

  /**
   * Starts the agent of {@code plugin} for {@code participant}, waits for its hello, and checks
   * that it speaks this protocol and claims what the descriptor claims. Whatever fails, nothing
   * it started is left running.
   *
   * @param scenarioDir the scenario's directory: the agent gets a scratch folder and a socket in it
   */
  public static Agent start(PluginDescriptor plugin, String participant, Path scenarioDir,
      Timeouts timeouts, History history) {
    List<String> command = AgentCommand.of(plugin);
    ServerSocketChannel server = null;
    Agent agent = null;
    try {
      Path scratch = Files.createDirectories(scenarioDir.resolve(participant));
      Path socketPath = scenarioDir.resolve(participant + ".sock");
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socketPath));
      Path stderr = scenarioDir.resolve(participant + ".stderr");
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(scratch.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(scenarioDir.resolve(participant + ".stdout").toFile())
          .redirectError(stderr.toFile());
      Map<String, String> env = builder.environment();
      env.put(AgentEnvironment.CONTROL, socketPath.toString());
      env.put(AgentEnvironment.PARTICIPANT, participant);
      env.put(AgentEnvironment.SCRATCH, scratch.toString());
      env.put(AgentEnvironment.PROTOCOL, Integer.toString(ProtocolVersion.CURRENT));
      // Error messages in one language, whatever the machine's locale.
      env.put("LC_ALL", "C");
      Process process = builder.start();
      LiveAgents.add(process);
      history.note(participant, "started " + String.join(" ", command) + " as pid " + process.pid());
      agent = new Agent(participant, process, server, socketPath, stderr, history, timeouts);
      agent.connect();
      HelloCheck.check(plugin, participant, agent.hello());
      return agent;
    } catch (IOException | RuntimeException e) {
      if (agent != null) {
        agent.close();
      } else {
        closeQuietly(server);
      }
      if (e instanceof HarnessException h) {
        throw h;
      }
      throw new HarnessException("cannot start the agent of " + participant + " (" + String.join(" ", command) + "): " + e, e);
    }
  }

  private void connect() throws IOException {
    long deadline = System.nanoTime() + timeouts.agentStart().toNanos();
    server.configureBlocking(false);
    SocketChannel channel;
    while ((channel = server.accept()) == null) {
      if (!process.isAlive()) {
        throw new HarnessException(participant + "'s agent exited before connecting: " + exitDescription() + ". " + stderrTail());
      }
      if (System.nanoTime() > deadline) {
        throw new HarnessException(participant + "'s agent did not connect to " + socketPath + " within "
            + timeouts.agentStart().toMillis() + " ms; it was killed. " + stderrTail());
      }
      sleep(5);
    }
    channel.configureBlocking(true);
    connection = new AgentConnection(participant, new ControlChannel(channel), history, timeouts.mustHappen(), this::whyDisconnected);
    try {
      connection.hello().get(timeouts.agentStart().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new HarnessException(participant + "'s agent connected but sent no hello within "
          + timeouts.agentStart().toMillis() + " ms; it was killed. " + stderrTail());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while waiting for " + participant + "'s hello");
    } catch (Exception e) {
      throw HarnessException.unwrap(e);
    }
  }

  private String whyDisconnected() {
    try {
      process.waitFor(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return exitDescription() + ". " + stderrTail();
  }

  /** Sends a request and returns at once; the answer completes the returned operation. */
  public PendingOperation submit(Operation operation, ObjectNode args) {
    return connection.submit(operation, args);
  }

  public PendingOperation submit(Operation operation) {
    return submit(operation, JsonNodeFactory.instance.objectNode());
  }

  /** Whether the agent still answers at all; tells a blocked operation from a hung agent. */
  public boolean answersPing() {
    try {
      submit(Operation.PING).response().get(Math.max(1000, timeouts.mustNotHappen().toMillis() * 3), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** Asks the agent to exit, and makes sure it does: one that does not is killed, and that is reported. */
  public void shutdown() {
    if (!isUsable()) {
      close();
      return;
    }
    connection.expectEnd();
    try {
      submit(Operation.SHUTDOWN).response().get(timeouts.mustHappen().toMillis(), TimeUnit.MILLISECONDS);
      if (!process.waitFor(timeouts.mustHappen().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new HarnessException(participant + "'s agent answered shutdown but did not exit within "
            + timeouts.mustHappen().toMillis() + " ms; it was killed");
      }
      history.note(participant, "exited with status " + process.exitValue());
    } catch (TimeoutException e) {
      throw new HarnessException(participant + "'s agent did not answer shutdown within "
          + timeouts.mustHappen().toMillis() + " ms; it was killed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw HarnessException.unwrap(e);
    } finally {
      close();
    }
  }

  public String participant() {
    return participant;
  }

  public Hello hello() {
    return connection.hello().join();
  }

  /** Whether requests can still be sent: the process runs and has kept to the protocol. */
  public boolean isUsable() {
    return connection != null && connection.broken() == null && process.isAlive();
  }

  /** The reason the agent can no longer be used, if it cannot. */
  public HarnessException broken() {
    return connection == null ? null : connection.broken();
  }

  public Path stderrFile() {
    return stderr;
  }

  /** The last lines the agent wrote to stderr, for error messages. */
  public String stderrTail() {
    try {
      List<String> lines = Files.readAllLines(stderr);
      if (lines.isEmpty()) {
        return "Its stderr is empty.";
      }
      return "Its stderr ends with:\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "Its stderr cannot be read: " + e.getMessage();
    }
  }

  private String exitDescription() {
    if (process.isAlive()) {
      return "the process is still running";
    }
    int status = process.exitValue();
    // Java reports death by signal N as 128 + N.
    return status > 128 ? "it was killed by signal " + (status - 128) + " (exit status " + status + ")" : "it exited with status " + status;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      history.note(participant, "killed");
    }
    LiveAgents.kill(process);
    try {
      process.waitFor(timeouts.mustHappen().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (connection != null) {
      connection.close();
    }
    closeQuietly(server);
    try {
      Files.deleteIfExists(socketPath);
    } catch (IOException e) {
      // The scenario directory is removed afterwards anyway.
    }
  }

  private static void closeQuietly(ServerSocketChannel server) {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException e) {
      // Nothing listens on it any more either way.
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted");
    }
  }
}
