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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.ipcspec.spec.jvm.host.AgentEnvironment;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.spec.protocol.ControlChannel;
import org.ipcspec.spec.protocol.Event;
import org.ipcspec.spec.protocol.Hello;
import org.ipcspec.spec.protocol.Message;
import org.ipcspec.spec.protocol.MessageCodec;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.spec.protocol.ProtocolException;
import org.ipcspec.spec.protocol.ProtocolVersion;
import org.ipcspec.spec.protocol.Request;
import org.ipcspec.spec.protocol.Response;
import org.ipcspec.suite.plugin.PluginDescriptor;

/**
 * One participant's agent: a separate OS process, started with the protocol's environment,
 * connected over its own control socket. Requests are sent without waiting; their answers arrive
 * on a reader thread, so several operations of one agent can be in flight at once.
 */
public final class Agent implements AutoCloseable {
  private final String participant;
  private final Process process;
  private final ServerSocketChannel server;
  private final Path socketPath;
  private final Path stderr;
  private final History history;
  private final Timeouts timeouts;
  private final Map<Long, PendingOperation> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong();
  private final CompletableFuture<Hello> hello = new CompletableFuture<>();
  private ControlChannel control;
  private volatile boolean shuttingDown;
  private volatile HarnessException broken;

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
   * that it speaks this protocol and claims what the descriptor claims.
   *
   * @param scenarioDir the scenario's directory: the agent gets a scratch folder and a socket in it
   */
  public static Agent start(PluginDescriptor plugin, String participant, Path scenarioDir,
      Timeouts timeouts, History history) {
    List<String> command = AgentCommand.of(plugin);
    try {
      Path scratch = Files.createDirectories(scenarioDir.resolve(participant));
      Path socketPath = scenarioDir.resolve(participant + ".sock");
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
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
      Process process = builder.start();
      LiveAgents.add(process);
      history.note(participant, "started " + String.join(" ", command) + " as pid " + process.pid());
      Agent agent = new Agent(participant, process, server, socketPath, stderr, history, timeouts);
      agent.connect(plugin);
      return agent;
    } catch (IOException e) {
      throw new HarnessException("cannot start the agent of " + participant + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
    }
  }

  private void connect(PluginDescriptor plugin) throws IOException {
    long deadline = System.nanoTime() + timeouts.agentStart().toNanos();
    server.configureBlocking(false);
    SocketChannel channel;
    while ((channel = server.accept()) == null) {
      if (!process.isAlive()) {
        throw new HarnessException(participant + "'s agent exited before connecting: " + exitDescription() + ". " + stderrTail());
      }
      if (System.nanoTime() > deadline) {
        close();
        throw new HarnessException(participant + "'s agent did not connect to " + socketPath + " within "
            + timeouts.agentStart().toMillis() + " ms; it was killed. " + stderrTail());
      }
      sleep(5);
    }
    channel.configureBlocking(true);
    control = new ControlChannel(channel);
    Thread reader = new Thread(this::readLoop, "ipcspec-agent-" + participant);
    reader.setDaemon(true);
    reader.start();
    Hello greeting;
    try {
      greeting = hello.get(timeouts.agentStart().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      close();
      throw new HarnessException(participant + "'s agent connected but sent no hello within "
          + timeouts.agentStart().toMillis() + " ms; it was killed. " + stderrTail());
    } catch (ExecutionException e) {
      close();
      throw (e.getCause() instanceof HarnessException h) ? h : new HarnessException(e.getCause().toString(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while waiting for " + participant + "'s hello");
    }
    check(plugin, greeting);
  }

  private void check(PluginDescriptor plugin, Hello greeting) {
    if (greeting.protocol() != ProtocolVersion.CURRENT) {
      close();
      throw new HarnessException(participant + "'s agent speaks protocol version " + greeting.protocol()
          + ", this suite speaks version " + ProtocolVersion.CURRENT);
    }
    Set<String> claimed = plugin.capabilities().stream().map(Capability::id).collect(Collectors.toCollection(TreeSet::new));
    Set<String> said = new TreeSet<>(greeting.capabilities());
    if (!claimed.equals(said)) {
      close();
      throw new HarnessException(participant + "'s agent claims capabilities " + said + " but "
          + plugin.file() + " claims " + claimed + ": the descriptor is what is certified, they must agree");
    }
  }

  private void readLoop() {
    try {
      while (true) {
        Message message;
        try {
          message = control.receive();
        } catch (ProtocolException e) {
          fail(new HarnessException(participant + "'s agent broke the protocol: " + e.getMessage()));
          return;
        }
        if (message == null) {
          onDisconnect();
          return;
        }
        receive(message);
      }
    } catch (IOException e) {
      onDisconnect();
    }
  }

  private void receive(Message message) {
    if (!hello.isDone()) {
      if (message instanceof Hello greeting) {
        history.add(new History.Entry(greeting.monotonicNs(), participant, "event", null, "hello",
            MessageCodec.mapper().valueToTree(greeting)));
        hello.complete(greeting);
      } else {
        fail(new HarnessException(participant + "'s agent sent " + message.getClass().getSimpleName().toLowerCase()
            + " before hello: the first line must be hello"));
      }
      return;
    }
    if (message instanceof Response response) {
      PendingOperation pending = inFlight.remove(response.id());
      if (pending == null) {
        fail(new HarnessException(participant + "'s agent answered request " + response.id()
            + ", which was never sent or was already answered"));
        return;
      }
      history.add(new History.Entry(response.monotonicNs(), participant, "response", response.id(),
          pending.request().op(), response.succeeded() ? response.result() : MessageCodec.mapper().valueToTree(response.error())));
      pending.response().complete(response);
    } else if (message instanceof Event event) {
      history.add(new History.Entry(event.monotonicNs(), participant, "event", null, event.event(), event.data()));
    } else {
      fail(new HarnessException(participant + "'s agent sent an unexpected " + message.getClass().getSimpleName().toLowerCase()));
    }
  }

  private void onDisconnect() {
    if (shuttingDown && inFlight.isEmpty()) {
      return;
    }
    try {
      process.waitFor(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    fail(new HarnessException(participant + "'s agent closed its control connection"
        + (inFlight.isEmpty() ? "" : " with " + inFlight.size() + " operation(s) unanswered")
        + "; " + exitDescription() + ". " + stderrTail()));
  }

  private void fail(HarnessException failure) {
    if (broken == null) {
      broken = failure;
      history.note(participant, failure.getMessage());
    }
    hello.completeExceptionally(failure);
    inFlight.values().forEach(p -> p.response().completeExceptionally(failure));
    inFlight.clear();
  }

  /** Sends a request and returns at once; the answer completes the returned operation. */
  public PendingOperation submit(Operation operation, ObjectNode args) {
    if (broken != null) {
      throw broken;
    }
    Request request = new Request(nextId.incrementAndGet(), operation.op(), args);
    PendingOperation pending = new PendingOperation(participant, request, System.nanoTime(), new CompletableFuture<>());
    inFlight.put(request.id(), pending);
    history.add(new History.Entry(pending.sentNs(), participant, "request", request.id(), request.op(), args));
    try {
      control.send(request);
    } catch (IOException e) {
      inFlight.remove(request.id());
      throw new HarnessException("cannot send " + request.op() + " to " + participant + "'s agent: " + e.getMessage()
          + "; " + exitDescription() + ". " + stderrTail(), e);
    }
    return pending;
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

  /** Asks the agent to exit, and makes sure it does. */
  public void shutdown() {
    if (broken != null || !process.isAlive()) {
      close();
      return;
    }
    shuttingDown = true;
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
    } catch (ExecutionException e) {
      throw (e.getCause() instanceof HarnessException h) ? h : new HarnessException(e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close();
    }
  }

  public String participant() {
    return participant;
  }

  public Hello hello() {
    return hello.join();
  }

  public boolean isAlive() {
    return broken == null && process.isAlive();
  }

  /** The reason the agent can no longer be used, if it cannot. */
  public HarnessException broken() {
    return broken;
  }

  public Timeouts timeouts() {
    return timeouts;
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
    try {
      if (control != null) {
        control.close();
      }
      server.close();
      Files.deleteIfExists(socketPath);
    } catch (IOException e) {
      // The scenario directory is removed afterwards anyway.
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
