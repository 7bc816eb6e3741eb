package org.ipcspec.suite.agent;

import java.io.IOException;
import java.nio.file.Path;

/** Starts agents: as plain processes of this machine, or each in a container of its own. */
public interface AgentLauncher {
  /** Agents as processes of this machine: the default, which needs nothing but the plugin. */
  AgentLauncher PROCESSES = new ProcessLauncher();

  /**
   * A launcher for a run that cannot start its agents here (no container engine): every
   * scenario of the run is NOT_APPLICABLE, with this reason.
   */
  static AgentLauncher unavailable(String reason) {
    return new AgentLauncher() {
      @Override
      public AgentProcess launch(LaunchSpec spec) {
        throw new HarnessException("no agent can be started here: " + reason);
      }

      @Override
      public String unavailableBecause() {
        return reason;
      }
    };
  }

  /** Why this launcher cannot start agents here, in one line; null when it can. */
  default String unavailableBecause() {
    return null;
  }

  /** Starts the agent; it connects to the suite by itself. */
  AgentProcess launch(LaunchSpec spec) throws IOException;

  /** Where the participants of this scenario see POSIX shared memory objects as files (Linux). */
  default Path sharedMemoryFolder(Path scenarioDir) {
    return Path.of("/dev/shm");
  }

  /**
   * Whether each participant gets namespaces of its own, so that a scenario can choose what they
   * share; plain processes share whatever one machine shares.
   */
  default boolean separatesParticipants() {
    return false;
  }

  /**
   * Says, before the scenario of this folder starts its first agent, what its participants share,
   * and which of its folders is their exchange folder.
   * Only a launcher that {@link #separatesParticipants() separates participants} heeds it.
   */
  default void beginScenario(Path scenarioDir, Path exchangeFolder, Sharing sharing) {}

  /** Releases what the launcher made for the scenario of this folder, once its agents are gone. */
  default void endScenario(Path scenarioDir) {}
}
