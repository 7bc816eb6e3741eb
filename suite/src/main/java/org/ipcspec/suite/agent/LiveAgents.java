package org.ipcspec.suite.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every agent process still running, so that an interrupted run (Ctrl-C) leaves none behind.
 * Agents may start helpers of their own: those are killed with them.
 */
final class LiveAgents {
  private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(LiveAgents::killAll, "ipcspec-agent-reaper"));
  }

  private LiveAgents() {}

  static void add(ProcessHandle process) {
    LIVE.add(process);
  }

  static void kill(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    LIVE.remove(process);
  }

  static void killAll() {
    LIVE.forEach(LiveAgents::kill);
  }
}
