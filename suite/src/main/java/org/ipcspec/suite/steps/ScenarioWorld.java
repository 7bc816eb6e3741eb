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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.suite.agent.Agent;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.History;
import org.ipcspec.suite.agent.OtherUser;
import org.ipcspec.suite.agent.PendingOperation;
import org.ipcspec.suite.agent.Sharing;
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
  /** By "participant/name", or "participant/name#read" and "#write" for the two ends of a pipe. */
  private final Map<String, String> handles = new LinkedHashMap<>();
  /** Each child participant's parent. */
  private final Map<String, String> parents = new LinkedHashMap<>();
  private final Map<String, PendingOperation> inFlight = new LinkedHashMap<>();
  private Path directory;
  private Path exchange;
  private ScenarioTags tags;
  private Attempt lastAttempt;
  private SystemObjects objects;
  /** What the participants share when each has a container; fixed once the first one starts. */
  private Sharing sharing;
  private boolean launched;

  void begin(ScenarioTags tags) throws IOException {
    this.tags = tags;
    sharing = Sharing.neededBy(tags.requires());
    int number = SCENARIOS.incrementAndGet();
    objects = new SystemObjects(number);
    // createDirectory, not createDirectories: a run being interrupted has removed its folder, and a
    // scenario that starts meanwhile must fail rather than make it again and leave it behind.
    directory = Files.createDirectory(run.workDir().resolve("s" + number));
    exchange = Files.createDirectory(directory.resolve("exchange"));
  }

  /** Why the plugin's agents cannot run on this machine (a program or file it requires is missing). */
  Optional<String> pluginMissingHere() {
    return run.missingHere();
  }

  /** Why the run cannot start agents at all here (no container engine), or null. */
  String launcherUnavailable() {
    return run.launcher().unavailableBecause();
  }

  /** Whether each participant can have namespaces of its own here (containers), as @isolation scenarios need. */
  boolean separatesParticipants() {
    return run.launcher().separatesParticipants();
  }

  /** Changes what the participants share; only before the first of them starts. */
  void share(UnaryOperator<Sharing> change) {
    if (launched) {
      throw new HarnessException("what participants share is set before the first of them starts, not after");
    }
    sharing = change.apply(sharing);
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
    start(names, null);
  }

  /** Starts the agents of these participants, all at once, as {@code user} when it is not null. */
  void start(List<String> names, OtherUser user) {
    if (!launched) {
      run.launcher().beginScenario(directory, exchange, sharing);
      if (separatesParticipants()) {
        history.note("harness", "participants share " + sharing);
      }
      launched = true;
    }
    List<CompletableFuture<Agent>> starting = new ArrayList<>();
    for (String name : names) {
      if (agents.containsKey(name)) {
        throw new HarnessException("participant " + name + " is introduced twice");
      }
      starting.add(CompletableFuture.supplyAsync(() -> Agent.start(plugin(), name, directory, timeouts(), history, user, run.launcher())));
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

  /** The names of the scenario's shared memory objects and message queues, which live outside its folder. */
  SystemObjects objects() {
    return objects;
  }

  /** Where this scenario's shared memory objects appear as files, as the suite sees them. */
  Path sharedMemoryFolder() {
    return run.launcher().sharedMemoryFolder(directory);
  }

  Path exchange() {
    return exchange;
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

  boolean tagged(String tag) {
    return tags.all().contains(tag);
  }

  boolean declares(Capability capability) {
    return tags.requires().contains(capability);
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

  /** Remembers an operation a later step waits for: {@code what} is its kind in the steps' words ("open", "read"). */
  void putInFlight(String what, String participant, String name, PendingOperation operation) {
    inFlight.put(what + " " + participant + " " + name, operation);
  }

  PendingOperation inFlight(String what, String participant, String name) {
    String key = what + " " + participant + " " + name;
    PendingOperation operation = inFlight.get(key);
    if (operation == null) {
      throw new HarnessException("no operation '" + key + "' was started in this scenario");
    }
    return operation;
  }

  /** Which end of a channel a step means. */
  enum End {
    READ,
    WRITE;

    String word() {
      return name().toLowerCase();
    }
  }

  void putHandle(String participant, String name, String handle) {
    handles.put(participant + "/" + name, handle);
  }

  void putHandle(String participant, String name, End end, String handle) {
    handles.put(participant + "/" + name + "#" + end.word(), handle);
  }

  /**
   * The participant's handle for a name: the end of it that {@code end} names if it has both
   * (a pipe), else its only one (an open FIFO); a child's "stdin" and "stdout" are predefined.
   */
  String handle(String participant, String name, End end) {
    String handle = handles.get(participant + "/" + name + "#" + end.word());
    if (handle == null) {
      handle = handles.get(participant + "/" + name);
    }
    if (handle == null && parents.containsKey(participant) && (name.equals("stdin") || name.equals("stdout"))) {
      return name;
    }
    if (handle == null) {
      throw new HarnessException(participant + " has no " + end.word() + " end of \"" + name + "\" in this scenario");
    }
    return handle;
  }

  /** The one handle a participant holds for a name; asking this of a pipe, which has two, is a broken scenario. */
  String onlyHandle(String participant, String name) {
    boolean both = handles.containsKey(participant + "/" + name + "#read") && handles.containsKey(participant + "/" + name + "#write");
    if (both) {
      throw new HarnessException(participant + " holds both ends of \"" + name + "\": the step must say which");
    }
    String read = handles.containsKey(participant + "/" + name + "#read") ? handle(participant, name, End.READ) : null;
    return read != null ? read : handle(participant, name, End.WRITE);
  }

  void forgetHandle(String participant, String handle) {
    handles.entrySet().removeIf(e -> e.getKey().startsWith(participant + "/") && e.getValue().equals(handle));
  }

  /** The names and ends a participant holds, to give a child that inherits them. */
  Map<String, String> handlesOf(String participant, String name) {
    Map<String, String> found = new LinkedHashMap<>();
    handles.forEach((key, handle) -> {
      if (key.equals(participant + "/" + name) || key.startsWith(participant + "/" + name + "#")) {
        found.put(key.substring(participant.length() + 1), handle);
      }
    });
    return found;
  }

  void copyHandles(String participant, Map<String, String> byKey) {
    byKey.forEach((key, handle) -> handles.put(participant + "/" + key, handle));
  }

  void addChild(Agent child, String parent) {
    agents.put(child.participant(), child);
    parents.put(child.participant(), parent);
  }

  boolean isChild(String participant) {
    return parents.containsKey(participant);
  }

  String parentOf(String participant) {
    return parents.get(participant);
  }

  /**
   * Stops every agent, children before their parents (an orphan would outlive the scenario), and
   * removes the scenario's files; returns the first problem, if any.
   */
  HarnessException end() {
    HarnessException problem = null;
    agents.values().stream()
        .filter(a -> a.isUsable() && plugin().claims(Capability.MQ_POSIX))
        .findFirst().ifPresent(objects::removeQueuesThrough);
    List<Agent> youngestFirst = new ArrayList<>(agents.values());
    java.util.Collections.reverse(youngestFirst);
    for (Agent agent : youngestFirst) {
      try {
        agent.shutdown();
      } catch (HarnessException e) {
        problem = problem == null ? e : problem;
      }
    }
    try {
      run.launcher().endScenario(directory);
    } catch (RuntimeException e) {
      problem = problem == null ? new HarnessException("cannot release the scenario's containers: " + e.getMessage()) : problem;
    }
    List<String> left = objects.removeLeftovers();
    if (!left.isEmpty() && problem == null) {
      problem = new HarnessException("could not remove what the scenario left: " + left);
    }
    try {
      Directories.deleteRecursively(directory);
    } catch (IOException e) {
      problem = problem == null ? new HarnessException("cannot remove " + directory + ": " + e.getMessage()) : problem;
    }
    return problem;
  }
}
