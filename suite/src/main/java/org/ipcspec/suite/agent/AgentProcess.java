package org.ipcspec.suite.agent;

import java.util.Optional;

/**
 * The running program of one agent, however it was started: a process of this machine, or the
 * process tree of a container. The suite watches it and ends it through this view only.
 */
interface AgentProcess {
  /** The pid on this machine of the process the suite watches. */
  long pid();

  boolean isAlive();

  /** Waits up to {@code millis} for it to end; whether it has. */
  boolean awaitEnd(long millis);

  /**
   * Its exit status as the starter sees it (death by signal N reads 128 + N); empty while it runs,
   * or when the suite did not start it itself (a child of another agent).
   */
  Optional<Integer> exitStatus();

  /**
   * The pid on this machine of a process the agent reported by {@code reportedPid}: the same
   * number, unless the agent runs in a PID namespace of its own; -1 when there is none.
   */
  default long hostPid(long reportedPid) {
    return reportedPid;
  }

  /** The IP address of its host as other participants reach it: loopback, unless it has one of its own. */
  default String hostAddress() {
    return "127.0.0.1";
  }

  /** Ends it and everything it started, at once. */
  void kill();
}
