package org.ipcspec.suite.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.Timeouts;
import org.ipcspec.suite.plugin.PluginDescriptor;

/**
 * The run in progress: which plugin, how long to wait, where scenarios keep their files, and the
 * verdicts so far. Cucumber creates step definitions and plugins itself, so they find the run
 * here; runs in one JVM take turns.
 */
public final class CertificationRun {
  private static volatile CertificationRun current;

  private final PluginDescriptor plugin;
  private final Timeouts timeouts;
  private final Path workDir;
  private final Consumer<ScenarioResult> listener;
  private final List<ScenarioResult> results = new ArrayList<>();
  private final org.ipcspec.suite.agent.AgentLauncher launcher;
  /** What the machine lacks for the plugin's agents, looked up once for the whole run. */
  private final Optional<String> missingHere;

  CertificationRun(PluginDescriptor plugin, Timeouts timeouts, Path workDir, Consumer<ScenarioResult> listener) {
    this(plugin, timeouts, workDir, listener, org.ipcspec.suite.agent.AgentLauncher.PROCESSES);
  }

  CertificationRun(PluginDescriptor plugin, Timeouts timeouts, Path workDir, Consumer<ScenarioResult> listener,
      org.ipcspec.suite.agent.AgentLauncher launcher) {
    this.launcher = launcher;
    this.plugin = plugin;
    this.timeouts = timeouts;
    this.workDir = workDir;
    this.listener = listener;
    this.missingHere = plugin.missingHere();
  }

  /**
   * The run in progress. Outside {@code ipcspec verify} (a JUnit Platform {@code @Suite} run from
   * an IDE or Maven), a standalone run certifies the plugin named by the system property
   * {@code ipcspec.plugin} (default: posix), found under {@code ipcspec.home}.
   */
  public static CertificationRun current() {
    CertificationRun run = current;
    return run != null ? run : StandaloneRun.get();
  }

  static void begin(CertificationRun run) {
    current = run;
  }

  static void end() {
    current = null;
  }

  public PluginDescriptor plugin() {
    return plugin;
  }

  /** Why the plugin's agents cannot run on this machine (see {@link PluginDescriptor#missingHere}); empty when they can. */
  public Optional<String> missingHere() {
    return missingHere;
  }

  /** How the run starts its participants' agents. */
  public org.ipcspec.suite.agent.AgentLauncher launcher() {
    return launcher;
  }

  public Timeouts timeouts() {
    return timeouts;
  }

  /** The run's own directory; each scenario makes a folder in it and removes it at its end. */
  public Path workDir() {
    return workDir;
  }

  void record(ScenarioResult result) {
    synchronized (results) {
      results.add(result);
    }
    listener.accept(result);
  }

  List<ScenarioResult> results() {
    synchronized (results) {
      return List.copyOf(results);
    }
  }
}
