package org.ipcspec.suite.steps;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.spec.protocol.ErrorCodes;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.spec.protocol.Response;
import org.ipcspec.suite.agent.Agent;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.History;
import org.ipcspec.suite.agent.PendingOperation;
import org.ipcspec.suite.agent.Timeouts;
import org.ipcspec.suite.engine.CertificationRun;
import org.ipcspec.suite.engine.ScenarioTags;
import org.ipcspec.suite.plugin.PluginDescriptor;

/**
 * The state of one scenario, shared by its step definitions: its participants' agents, the
 * handles they hold, the operations still in flight, and its history. Made anew for every
 * scenario.
 */
public final class ScenarioWorld {
  private static final AtomicInteger SCENARIOS = new AtomicInteger();

  private final CertificationRun run = CertificationRun.current();
  private final History history = new History();
  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private final Map<String, String> handles = new LinkedHashMap<>();
  private final Map<String, PendingOperation> inFlight = new LinkedHashMap<>();
  private Path directory;
  private Path exchange;
  private ScenarioTags tags;
  private PendingOperation lastAttempt;

  void begin(ScenarioTags tags) throws IOException {
    this.tags = tags;
    directory = Files.createDirectories(run.workDir().resolve("s" + SCENARIOS.incrementAndGet()));
    exchange = Files.createDirectories(directory.resolve("exchange"));
  }

  PluginDescriptor plugin() {
    return run.plugin();
  }

  Timeouts timeouts() {
    return run.timeouts();
  }

  History history() {
    return history;
  }

  Collection<Agent> agents() {
    return agents.values();
  }

  /** Starts the agents of these participants, all at once. */
  void start(List<String> names) {
    List<CompletableFuture<Agent>> starting = new ArrayList<>();
    for (String name : names) {
      if (agents.containsKey(name)) {
        throw new HarnessException("participant " + name + " is introduced twice");
      }
      starting.add(CompletableFuture.supplyAsync(() -> Agent.start(plugin(), name, directory, timeouts(), history)));
    }
    HarnessException failure = null;
    for (CompletableFuture<Agent> future : starting) {
      try {
        Agent agent = future.join();
        agents.put(agent.participant(), agent);
      } catch (CompletionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof HarnessException h ? h : new HarnessException(e.getCause().toString(), e.getCause());
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  Agent agent(String name) {
    Agent agent = agents.get(name);
    if (agent == null) {
      throw new HarnessException("the scenario uses participant " + name + " without introducing it (Given participants ...)");
    }
    return agent;
  }

  /** The absolute path of a name in the directory the scenario's participants share. */
  String path(String name) {
    return exchange.resolve(name).toString();
  }

  Path exchange() {
    return exchange;
  }

  /** Sends an operation; a capability the scenario did not declare with @requires: is a broken scenario. */
  PendingOperation submit(String participant, Operation operation, ObjectNode args) {
    operation.capability().ifPresent(this::requireDeclared);
    return agent(participant).submit(operation, args);
  }

  PendingOperation submit(String participant, Operation operation) {
    return submit(participant, operation, JsonNodeFactory.instance.objectNode());
  }

  void requireDeclared(Capability capability) {
    if (!tags.requires().contains(capability)) {
      throw new HarnessException("the scenario uses capability " + capability.id()
          + " without declaring it with @requires:" + capability.id());
    }
  }

  /** Remembers an operation whose outcome a later step checks ("that open fails with ..."). */
  void attempted(PendingOperation operation) {
    lastAttempt = operation;
  }

  PendingOperation lastAttempt() {
    if (lastAttempt == null) {
      throw new HarnessException("'that ...' refers to an earlier attempt, but no step attempted anything");
    }
    return lastAttempt;
  }

  void putInFlight(String key, PendingOperation operation) {
    inFlight.put(key, operation);
  }

  PendingOperation inFlight(String key) {
    PendingOperation operation = inFlight.get(key);
    if (operation == null) {
      throw new HarnessException("no operation '" + key + "' was started in this scenario");
    }
    return operation;
  }

  void putHandle(String participant, String name, String handle) {
    handles.put(participant + "/" + name, handle);
  }

  String handle(String participant, String name) {
    String handle = handles.get(participant + "/" + name);
    if (handle == null) {
      throw new HarnessException(participant + " has no open end of \"" + name + "\" in this scenario");
    }
    return handle;
  }

  void forgetHandle(String participant, String name) {
    handles.remove(participant + "/" + name);
  }

  /**
   * Waits for an operation that must complete. A timeout is a FAIL when the agent still answers
   * (the operation is blocked, against the scenario), an ERROR when it does not (the agent hung).
   */
  Response await(PendingOperation operation) {
    Duration limit = timeouts().mustHappen();
    try {
      Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(limit).until(operation::isDone);
    } catch (ConditionTimeoutException e) {
      Agent agent = agent(operation.participant());
      if (agent.answersPing()) {
        throw new AssertionError(operation.describe() + " did not complete within " + limit.toMillis()
            + " ms, although the agent still answers: it is blocked, and the scenario says it must not be");
      }
      throw new HarnessException(operation.participant() + "'s agent answers nothing, not even ping, for "
          + limit.toMillis() + " ms: it hangs. " + agent.stderrTail());
    }
    Response response;
    try {
      response = operation.response().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof HarnessException h ? h : new HarnessException(e.getCause().toString(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted");
    }
    checkProtocolErrors(operation, response);
    return response;
  }

  /** Waits for an operation that must succeed, and returns its result. */
  ObjectNode succeed(PendingOperation operation) {
    Response response = await(operation);
    if (!response.succeeded()) {
      throw new AssertionError(operation.describe() + " failed with " + response.error().code()
          + " (" + response.error().message() + "); the scenario expects it to succeed");
    }
    return response.result();
  }

  /** Waits for an operation that must fail with {@code code}. */
  void expectFailure(PendingOperation operation, String code) {
    Response response = await(operation);
    if (response.succeeded()) {
      throw new AssertionError(operation.describe() + " succeeded with " + response.result()
          + "; the scenario expects it to fail with " + code);
    }
    if (!response.error().code().equals(code)) {
      throw new AssertionError(operation.describe() + " failed with " + response.error().code()
          + " (" + response.error().message() + "); the scenario expects " + code);
    }
  }

  /** Checks that an operation stays pending for the "must not happen" wait. */
  void expectStillPending(PendingOperation operation) {
    Duration wait = timeouts().mustNotHappen();
    try {
      Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
          .during(wait).atMost(wait.plusSeconds(2)).until(() -> !operation.isDone());
    } catch (ConditionTimeoutException e) {
      Response response = operation.response().getNow(null);
      long afterMs = response == null ? -1 : (response.monotonicNs() - operation.sentNs()) / 1_000_000;
      throw new AssertionError(operation.describe() + " completed " + (afterMs >= 0 ? "after about " + afterMs + " ms " : "")
          + "with " + (response == null ? "an error" : response.succeeded() ? response.result() : response.error().code())
          + "; the scenario expects it to stay blocked for " + wait.toMillis() + " ms");
    }
    Agent agent = agent(operation.participant());
    if (!agent.isAlive()) {
      // A dead agent answers nothing: that is no proof of blocking.
      throw agent.broken() != null ? agent.broken() : new HarnessException(operation.participant() + "'s agent died");
    }
    if (!agent.answersPing()) {
      // Nor is one that serves one request at a time, against the protocol.
      throw new HarnessException(operation.participant() + "'s agent does not answer ping while " + operation.request().op()
          + " is pending: agents must serve requests concurrently (PROTOCOL.md, section 4). " + agent.stderrTail());
    }
  }

  private void checkProtocolErrors(PendingOperation operation, Response response) {
    if (response.succeeded() || !ErrorCodes.isProtocolCode(response.error().code())) {
      return;
    }
    String code = response.error().code();
    if (ErrorCodes.UNSUPPORTED_OP.equals(code)) {
      String claim = Operation.byOp(operation.request().op()).flatMap(Operation::capability)
          .map(c -> "the plugin claims capability " + c.id() + ", which includes it")
          .orElse("it is a core operation that every agent serves");
      throw new AssertionError(operation.describe() + " was answered UNSUPPORTED_OP (" + response.error().message()
          + "), but " + claim);
    }
    throw new HarnessException(operation.describe() + " was answered " + code + ": " + response.error().message());
  }

  /** Stops every agent and removes the scenario's files; returns the first problem, if any. */
  HarnessException end() {
    HarnessException problem = null;
    for (Agent agent : agents.values()) {
      try {
        agent.shutdown();
      } catch (HarnessException e) {
        problem = problem == null ? e : problem;
      }
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      problem = problem == null ? new HarnessException("cannot remove " + directory + ": " + e.getMessage()) : problem;
    }
    return problem;
  }

  Path directory() {
    return directory;
  }
}
