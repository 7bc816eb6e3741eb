package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.suite.agent.Agent;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.History;
import org.ipcspec.suite.agent.PendingOperation;
import org.ipcspec.suite.agent.Timeouts;
import org.ipcspec.suite.engine.CertificationRun;
import org.ipcspec.suite.engine.Directories;
import org.ipcspec.suite.engine.ScenarioTags;
import org.ipcspec.suite.plugin.PluginDescriptor;

/**
 * The state of one scenario, shared by its step definitions: its directories, its participants'
 * agents, the handles they hold, the operations still in flight, and its history. Made anew for
 * every scenario.
 */
public final class ScenarioWorld {
  private static final AtomicInteger SCENARIOS = new AtomicInteger();

  /**
   * An operation whose outcome a later step checks ("that open fails with ENXIO").
   *
   * @param kind what it was, in the words of the steps: {@code open}, {@code write}...
   * @param name the name it was about
   */
  record Attempt(String kind, String name, PendingOperation operation) {}

  private final CertificationRun run = CertificationRun.current();
  private final History history = new History();
  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private final Map<String, String> handles = new LinkedHashMap<>();
  private final Map<String, PendingOperation> inFlight = new LinkedHashMap<>();
  private Path directory;
  private Path exchange;
  private ScenarioTags tags;
  private Attempt lastAttempt;

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

  Path directory() {
    return directory;
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
        failure = failure == null ? HarnessException.unwrap(e) : failure;
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

  void attempted(String kind, String name, PendingOperation operation) {
    lastAttempt = new Attempt(kind, name, operation);
  }

  /** The last attempt, which must be of this kind: "that write fails" after an open is a broken scenario. */
  Attempt lastAttempt(String kind) {
    if (lastAttempt == null || !lastAttempt.kind().equals(kind)) {
      throw new HarnessException("'that " + kind + "' refers to an earlier attempt to " + kind
          + ", but the last attempt was " + (lastAttempt == null ? "none" : "to " + lastAttempt.kind()));
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
    try {
      Directories.deleteRecursively(directory);
    } catch (IOException e) {
      problem = problem == null ? new HarnessException("cannot remove " + directory + ": " + e.getMessage()) : problem;
    }
    return problem;
  }
}
