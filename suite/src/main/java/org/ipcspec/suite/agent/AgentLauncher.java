package org.ipcspec.suite.agent;

import java.io.IOException;

/** Starts agents: as plain processes of this machine, or each in a container of its own. */
public interface AgentLauncher {
  /** Agents as processes of this machine: the default, which needs nothing but the plugin. */
  AgentLauncher PROCESSES = new ProcessLauncher();

  /** Starts the agent; it connects to the suite by itself. */
  AgentProcess launch(LaunchSpec spec) throws IOException;

  /** Where the participants of this scenario see POSIX shared memory objects as files (Linux). */
  default java.nio.file.Path sharedMemoryFolder(java.nio.file.Path scenarioDir) {
    return java.nio.file.Path.of("/dev/shm");
  }

  /** Releases what the launcher made for the scenario of this folder, once its agents are gone. */
  default void endScenario(java.nio.file.Path scenarioDir) {}
}
