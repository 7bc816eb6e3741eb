package org.ipcspec.suite.agent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ipcspec.spec.jvm.host.AgentEnvironment;
import org.ipcspec.spec.protocol.ControlChannel;
import org.ipcspec.spec.protocol.Hello;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.spec.protocol.ProtocolVersion;
import org.ipcspec.suite.plugin.ControlTransport;
import org.ipcspec.suite.plugin.PluginDescriptor;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * One participant's agent: a separate OS process, started with the protocol's environment and
 * reached over its own control socket. Its operations run through an {@link AgentConnection}.
 */
public final class Agent implements AutoCloseable {
  private final AgentSlot slot;
  private final String participant;
  private final AgentProcess process;
  /** The process whose namespaces the agent lives in: its own, or its parent's for a child. */
  private final AgentProcess home;
  private final Path stderr;
  private final History history;
  private final Timeouts timeouts;
  /** Signals (by number) whose action the agent said it set to catch or ignore, with the action. */
  private final Map<Integer, String> actionsSet = new ConcurrentHashMap<>();
  private AgentConnection connection;

  private Agent(AgentSlot slot, AgentProcess process, AgentProcess home, Path stderr, History history, Timeouts timeouts) {
    this.slot = slot;
    this.participant = slot.participant();
    this.process = process;
    this.home = home;
    this.stderr = stderr;
    this.history = history;
    this.timeouts = timeouts;
  }

  /**
   * Starts the agent of {@code plugin} for {@code participant}, waits for its hello, and checks
   * that it speaks this protocol and claims what the descriptor claims. Whatever fails, nothing
   * it started is left running.
   *
   * @param user another user to run it as, or null
   * @param launcher how it is started: a process, or a container
   * @param scenarioDir the scenario's directory: the agent gets a scratch folder and a socket in it
   */
  public static Agent start(PluginDescriptor plugin, String participant, Path scenarioDir,
      Timeouts timeouts, History history, OtherUser user, AgentLauncher launcher) {
    List<String> command = AgentCommand.of(plugin);
    if (plugin.control() == ControlTransport.TCP && launcher instanceof ContainerLauncher) {
      throw new HarnessException(plugin.id() + "'s agents connect over TCP on loopback, which a container cannot reach: "
          + "run it with --isolation process");
    }
    AgentSlot slot = AgentSlot.open(participant, scenarioDir, plugin.control());
    Agent agent = null;
    try {
      Path stderr = scenarioDir.resolve(participant + ".stderr");
      Map<String, String> env = new java.util.LinkedHashMap<>();
      env.put(AgentEnvironment.CONTROL, slot.address());
      env.put(AgentEnvironment.TOKEN, slot.token());
      env.put(AgentEnvironment.PARTICIPANT, participant);
      env.put(AgentEnvironment.SCRATCH, slot.scratch().toString());
      env.put(AgentEnvironment.PROTOCOL, Integer.toString(ProtocolVersion.CURRENT));
      // Error messages in one language, whatever the machine's locale.
      env.put("LC_ALL", "C");
      // Temporary files of the agent, and of the children it starts, stay in the scenario's folder.
      Path tmp = Files.createDirectories(scenarioDir.resolve("tmp"));
      env.put("TMPDIR", tmp.toString());
      if (user != null) {
        user.admit(slot, tmp);
      }
      AgentProcess process = launcher.launch(new LaunchSpec(participant, command, env, slot.scratch(),
          scenarioDir.resolve(participant + ".stdout"), stderr, scenarioDir, plugin.directory(), user));
      history.note(participant, "started " + String.join(" ", command) + " as pid " + process.pid());
      agent = new Agent(slot, process, process, stderr, history, timeouts);
      agent.connect(plugin);
      return agent;
    } catch (IOException | RuntimeException e) {
      if (agent != null) {
        agent.close();
      } else {
        slot.close();
      }
      if (e instanceof HarnessException h) {
        throw h;
      }
      throw new HarnessException("cannot start the agent of " + participant + " (" + String.join(" ", command) + "): " + e, e);
    }
  }

  /**
   * Takes over the agent that another agent started as its child (operation process.spawn) for
   * the participant of {@code slot}: waits for it to connect and say hello.
   *
   * @param pid the child's pid, as its parent reported it
   * @param parent the parent, whose stderr the child shares
   */
  public static Agent adopt(PluginDescriptor plugin, AgentSlot slot, long pid, Agent parent) {
    ProcessHandle handle = ProcessHandle.of(parent.home.hostPid(pid)).orElse(null);
    if (handle == null) {
      slot.close();
      throw new HarnessException(parent.participant + " reported spawning " + slot.participant() + " as pid " + pid
          + ", but no such process exists. " + parent.stderrTail());
    }
    parent.history.note(slot.participant(), "spawned by " + parent.participant + " as pid " + pid);
    Agent agent = new Agent(slot, HostProcess.adopted(handle), parent.home, parent.stderr, parent.history, parent.timeouts);
    try {
      agent.connect(plugin);
      return agent;
    } catch (IOException | RuntimeException e) {
      agent.close();
      throw HarnessException.unwrap(e);
    }
  }

  private void connect(PluginDescriptor plugin) throws IOException {
    long deadline = System.nanoTime() + timeouts.agentStart().toNanos();
    ServerSocketChannel server = slot.server();
    server.configureBlocking(false);
    SocketChannel channel;
    while ((channel = server.accept()) == null) {
      if (!process.isAlive()) {
        throw new HarnessException(participant + "'s agent exited before connecting: " + exitDescription() + ". " + stderrTail());
      }
      if (System.nanoTime() > deadline) {
        throw new HarnessException(participant + "'s agent did not connect to " + slot.address() + " within "
            + timeouts.agentStart().toMillis() + " ms; it was killed. " + stderrTail());
      }
      sleep(5);
    }
    channel.configureBlocking(true);
    long peerPid = channel instanceof AFUNIXSocketChannel unix ? unix.getPeerCredentials().getPid() : -1;
    connection = new AgentConnection(participant, new ControlChannel(channel), history, timeouts.mustHappen(), this::whyDisconnected,
        this::killedDespiteItsAction);
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
    HelloCheck.check(plugin, participant, hello());
    if (slot.overTcp()) {
      checkToken();
    } else {
      checkIdentity(peerPid);
    }
  }

  /**
   * The pid an agent reports must be that of the process at the other end of its control
   * connection (SO_PEERCRED), or of a process of the same family: a wrapper connects for the
   * process it started, a proxy's relay for a child of that process. The family is the tree of
   * the process the suite started for this participant (or for the one that spawned it).
   */
  private void checkIdentity(long peerPid) {
    if (peerPid <= 0) {
      return; // the kernel did not say
    }
    long reported = hostPid();
    if (reported == peerPid || descendsFrom(reported, peerPid)) {
      return;
    }
    long root = home.pid();
    if (root > 0 && (reported == root || descendsFrom(reported, root)) && (peerPid == root || descendsFrom(peerPid, root))) {
      return;
    }
    throw new HarnessException(participant + "'s agent says in its hello that it is pid " + reportedPid()
        + ", but the process at the other end of its control connection is pid " + peerPid + " (SO_PEERCRED), and pid "
        + reportedPid() + " is neither that process, nor one it started, nor of the process tree the suite started for "
        + participant + ": an agent must report its own identity");
  }

  /**
   * Over TCP any local process can connect: the hello must repeat the token that only the
   * process the suite started (and what it starts) found in its environment.
   */
  private void checkToken() {
    String token = hello().token();
    if (!slot.token().equals(token)) {
      throw new HarnessException(participant + "'s agent connected over TCP with " + (token == null ? "no token" : "a wrong token")
          + " in its hello: over TCP the hello must carry the value of " + AgentEnvironment.TOKEN
          + ", which shows the suite that the process it started is the one that connected");
    }
  }

  private static boolean descendsFrom(long pid, long ancestor) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    while (process.isPresent()) {
      process = process.get().parent();
      if (process.isPresent() && process.get().pid() == ancestor) {
        return true;
      }
    }
    return false;
  }

  /**
   * The scenario set {@code signal}'s action and the agent acknowledged it: from now on, a death by
   * that signal is the implementation's failure to do what it said, not a crash.
   */
  public void signalActionSet(int number, String signal, String action) {
    if (action.equals("default")) {
      actionsSet.remove(number);
    } else {
      actionsSet.put(number, signal + ", which it had asked to " + action);
    }
  }

  /** Why the agent's death fails the behaviour under test, if it does: null when it is a plain crash. */
  private AssertionError killedDespiteItsAction() {
    Integer status = process.exitStatus().orElse(null);
    String signal = status == null || status <= 128 ? null : actionsSet.get(status - 128);
    return signal == null ? null
        : new AssertionError(participant + " was killed by " + signal + ": the action it set did not take effect, the default action did");
  }

  private String whyDisconnected() {
    awaitEnd(1000);
    return exitDescription() + ". " + stderrTail();
  }

  /** Waits up to {@code millis} for the process to end; whether it has. */
  public boolean awaitEnd(long millis) {
    return process.awaitEnd(millis);
  }

  /**
   * The process's exit status as Java reports it for a process the suite started itself (death
   * by signal N reads 128 + N); empty for a child of another agent, or one still running.
   */
  public Optional<Integer> exitStatus() {
    return process.exitStatus();
  }

  /** The scenario says this agent ends now (a signal, an exit): its disconnecting is no failure. */
  public void expectEnd() {
    connection.expectEnd();
  }

  /** What the agent has reported without being asked. */
  public EventLog events() {
    return connection.events();
  }

  /** The pid of the process the suite started or adopted. */
  public long pid() {
    return process.pid();
  }

  /**
   * The pid the agent reported in its hello: the process that does the IPC. It differs from
   * {@link #pid()} when the agent program is a wrapper around the implementation.
   */
  public long reportedPid() {
    return hello().pid();
  }

  /** The pid on this machine of the process that does the IPC, whatever PID namespace it is in. */
  public long hostPid() {
    long pid = home.hostPid(reportedPid());
    if (pid < 1) {
      // Never pass it on: a kill(2) of -1 would signal every process the sender may signal.
      throw new HarnessException("no process on this machine is the pid " + reportedPid() + " that " + participant
          + "'s agent reported; it has ended, or the agent misreports its pid");
    }
    return pid;
  }

  /** The IP address of the host the agent runs on, as other participants reach it. */
  public String hostAddress() {
    return home.hostAddress();
  }

  /** The identifier of one of the agent's namespaces ("pid", "ipc", "net"), as this machine names it. */
  public String namespace(String kind) {
    long pid = hostPid();
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", kind)).toString();
    } catch (IOException | RuntimeException e) {
      throw new HarnessException("cannot read the " + kind + " namespace of " + participant + " (pid " + pid + " here): " + e.getMessage(), e);
    }
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

  /**
   * Asks the agent to exit, and makes sure it does: one that does not is killed, and that is
   * reported; so is one that ended earlier without the scenario saying it would.
   */
  public void shutdown() {
    if (!isUsable()) {
      close();
      if (connection != null && connection.broken() != null && !connection.endExpected()) {
        throw connection.broken();
      }
      return;
    }
    connection.expectEnd();
    try {
      submit(Operation.SHUTDOWN).response().get(timeouts.mustHappen().toMillis(), TimeUnit.MILLISECONDS);
      if (!awaitEnd(timeouts.mustHappen().toMillis())) {
        throw new HarnessException(participant + "'s agent answered shutdown but did not exit within "
            + timeouts.mustHappen().toMillis() + " ms; it was killed");
      }
      history.note(participant, exitDescription());
    } catch (TimeoutException e) {
      throw new HarnessException(participant + "'s agent did not answer shutdown within "
          + timeouts.mustHappen().toMillis() + " ms; it was killed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
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

  /**
   * Why the agent is not usable, even when its process ended before its connection said so: a FAIL
   * (the cause is an AssertionError) when it died of a signal it had set to catch or ignore.
   */
  public HarnessException whyUnusable() {
    if (broken() != null) {
      return broken();
    }
    String why = whyDisconnected();
    HarnessException again = broken(); // the connection may have told meanwhile
    return again != null ? again : new HarnessException(participant + "'s agent died; " + why, killedDespiteItsAction());
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
    Optional<Integer> exit = process.exitStatus();
    if (exit.isEmpty()) {
      return "the process (pid " + process.pid() + ") has ended";
    }
    int status = exit.get();
    // Java reports death by signal N as 128 + N.
    return status > 128 ? "it was killed by signal " + (status - 128) + " (exit status " + status + ")" : "it exited with status " + status;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      history.note(participant, "killed");
    }
    process.kill();
    awaitEnd(timeouts.mustHappen().toMillis());
    if (connection != null) {
      connection.close();
    }
    slot.close();
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
