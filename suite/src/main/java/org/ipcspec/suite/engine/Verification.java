package org.ipcspec.suite.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import io.cucumber.tagexpressions.TagExpressionException;
import io.cucumber.tagexpressions.TagExpressionParser;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.ipcspec.reports.JUnitXml;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.ScenarioOrder;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.SummaryJson;
import org.ipcspec.reports.allure.AllureResults;
import org.ipcspec.reports.certificate.CertificateFiles;
import org.ipcspec.suite.agent.Timeouts;
import org.ipcspec.suite.plugin.PluginDescriptor;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.EngineFilter;

/**
 * Certifies one plugin: runs the features against it and writes {@code summary.json},
 * {@code junit.xml} and {@code allure-results/} to the output folder.
 *
 * <pre>{@code
 * VerificationResult result = Verification.of(plugin)
 *     .withTags("@must")
 *     .withOutput(Path.of("reports/latest"))
 *     .run();
 * }</pre>
 */
public final class Verification {
  /** Where the bundled features are on the class path. */
  public static final String FEATURES_PACKAGE = "ipcspec.features";

  private static final Object ONE_RUN_AT_A_TIME = new Object();

  private final PluginDescriptor plugin;
  private String tags;
  private Path output = Path.of("reports", "latest");
  private Path featuresDir;
  private Timeouts timeouts = Timeouts.defaults();
  private Path workRoot = defaultWorkRoot();
  private int parallelism = 1;
  private Isolation isolation = Isolation.PROCESS;
  private Consumer<ScenarioResult> listener = r -> {};

  private Verification(PluginDescriptor plugin) {
    this.plugin = plugin;
  }

  public static Verification of(PluginDescriptor plugin) {
    return new Verification(plugin);
  }

  /** A Cucumber tag expression selecting scenarios, e.g. {@code "@must and not @FIFO-12"}. */
  public Verification withTags(String expression) {
    this.tags = expression;
    return this;
  }

  public Verification withOutput(Path directory) {
    this.output = directory;
    return this;
  }

  /** Reads features from a folder instead of the bundled ones. */
  public Verification withFeatures(Path directory) {
    this.featuresDir = directory;
    return this;
  }

  public Verification withTimeouts(Timeouts timeouts) {
    this.timeouts = timeouts;
    return this;
  }

  /**
   * Where the run makes its directory of FIFOs, sockets and scratch folders (default: {@code
   * $TMPDIR}, else {@code /tmp}). Keep it short: UNIX socket paths hold at most 107 bytes.
   */
  public Verification withWorkRoot(Path directory) {
    this.workRoot = directory;
    return this;
  }

  /**
   * How many scenarios run at once (default 1). Each scenario has its own participants and
   * folders, so they do not meet; "still blocked" checks only get safer under load.
   */
  public Verification withParallelism(int scenarios) {
    if (scenarios < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + scenarios);
    }
    this.parallelism = scenarios;
    return this;
  }

  private static Path defaultWorkRoot() {
    String tmpdir = System.getenv("TMPDIR");
    return tmpdir == null || tmpdir.isBlank() ? Path.of("/tmp") : Path.of(tmpdir);
  }

  /** Called with each verdict as its scenario finishes. */
  /** How participants are kept apart: processes (the default) or containers. */
  public Verification withIsolation(Isolation isolation) {
    this.isolation = isolation;
    return this;
  }

  public Verification withListener(Consumer<ScenarioResult> listener) {
    this.listener = listener;
    return this;
  }

  /**
   * Runs the features.
   *
   * @throws IllegalArgumentException when the tag expression is invalid or selects no scenario
   */
  public VerificationResult run() throws IOException {
    if (tags != null) {
      try {
        TagExpressionParser.parse(tags);
      } catch (TagExpressionException e) {
        throw new IllegalArgumentException("invalid tag expression " + tags + ": " + e.getMessage(), e);
      }
    }
    Files.createDirectories(output);
    Path allureResults = output.resolve("allure-results");
    Directories.deleteRecursively(allureResults);
    Files.createDirectories(allureResults);
    // What an earlier run in this folder made must not pass for this run's.
    for (String earlier : List.of(CertificateFiles.JSON, CertificateFiles.HTML, CertificateFiles.BADGE, "summary.json", "junit.xml")) {
      Files.deleteIfExists(output.resolve(earlier));
    }
    Directories.deleteRecursively(output.resolve("diagrams"));
    Instant started = Instant.now();
    long startNs = System.nanoTime();
    // First, as it may build the plugin's image and fail: nothing of the run exists yet.
    org.ipcspec.suite.agent.AgentLauncher agents = launcher();
    Files.createDirectories(workRoot);
    StaleRuns.removeIn(workRoot);
    StaleRuns.removeStaleSystemObjects();
    Path workDir = StaleRuns.newRunFolder(workRoot);
    CertificationRun run = new CertificationRun(plugin, timeouts, workDir, listener, agents);
    // Interrupted (Ctrl-C), the run keeps the verdicts of the scenarios that finished, and still
    // removes its FIFOs, sockets and containers; agents are killed by their own hook.
    Thread cleanup = new Thread(() -> {
      try {
        writeResults(summary(run, started, startNs).asInterrupted());
      } catch (IOException | RuntimeException e) {
        System.err.println("ipcspec: could not keep the finished verdicts: " + e.getMessage());
      }
      closeQuietly(agents);
      removeForGood(workDir);
    }, "ipcspec-run-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    synchronized (ONE_RUN_AT_A_TIME) {
      CertificationRun.begin(run);
      Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(allureResults)));
      try {
        Launcher launcher = LauncherFactory.create();
        LauncherDiscoveryRequest request = discoveryRequest();
        TestPlan plan = launcher.discover(request);
        if (!plan.containsTests()) {
          throw new IllegalArgumentException(
              tags == null ? "no scenario found" : "no scenario matches the tag expression " + tags);
        }
        launcher.execute(plan);
      } catch (org.junit.platform.commons.PreconditionViolationException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      } finally {
        CertificationRun.end();
        closeQuietly(agents);
        Directories.deleteRecursively(workDir);
        try {
          Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
          // The JVM is shutting down (Ctrl-C): the hook is running and keeps the finished verdicts.
        }
      }
    }
    if (run.results().isEmpty()) {
      throw new IllegalArgumentException(tags == null ? "no scenario found" : "no scenario matches the tag expression " + tags);
    }
    RunSummary summary = summary(run, started, startNs);
    writeResults(summary);
    String cost = agents instanceof org.ipcspec.suite.agent.ContainerLauncher containers ? containers.cost() : "";
    return new VerificationResult(summary, output, cost);
  }

  /**
   * Everything a run leaves in the output folder, made from its summary: the certificate first,
   * as it matters most and an interrupted run's scenarios may leave Allure results half written.
   */
  private void writeResults(RunSummary summary) throws IOException {
    SummaryJson.write(summary, output.resolve("summary.json"));
    CertificateFiles.write(output);
    JUnitXml.write(summary, output.resolve("junit.xml"));
    AllureResults.enrich(output.resolve("allure-results"), summary);
  }

  /** The verdicts so far, in the order of the specification, whatever order they finished in. */
  private RunSummary summary(CertificationRun run, Instant started, long startNs) {
    List<ScenarioResult> results = run.results().stream()
        .sorted(java.util.Comparator.comparing(ScenarioResult::id, ScenarioOrder.BY_ID)).toList();
    return RunSummary.of(
        new RunSummary.PluginInfo(plugin.id(), plugin.name(), plugin.version(), plugin.description(), plugin.deviations()),
        RunSummary.Environment.current(isolation.id()),
        started,
        Duration.ofNanos(System.nanoTime() - startNs).toMillis(),
        results);
  }

  /** Without a container engine, a container run still runs: every scenario NOT_APPLICABLE, saying why. */
  private org.ipcspec.suite.agent.AgentLauncher launcher() {
    return isolation == Isolation.CONTAINER
        ? org.ipcspec.suite.agent.ContainerLauncher.forPlugin(plugin)
        : org.ipcspec.suite.agent.AgentLauncher.PROCESSES;
  }

  private LauncherDiscoveryRequest discoveryRequest() {
    DiscoverySelector features = featuresDir == null ? selectPackage(FEATURES_PACKAGE) : selectDirectory(featuresDir.toFile());
    LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
        .selectors(features)
        .filters(EngineFilter.includeEngines("cucumber"))
        .configurationParameter("cucumber.glue", "org.ipcspec.suite.steps")
        .configurationParameter("cucumber.plugin",
            VerdictRecorder.class.getName() + ", " + StepMarks.class.getName() + ", io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm")
        .configurationParameter("cucumber.publish.quiet", "true")
        .configurationParameter("cucumber.execution.parallel.enabled", Boolean.toString(parallelism > 1))
        .configurationParameter("cucumber.execution.parallel.config.strategy", "fixed")
        .configurationParameter("cucumber.execution.parallel.config.fixed.parallelism", Integer.toString(parallelism))
        .configurationParameter("cucumber.execution.parallel.config.fixed.max-pool-size", Integer.toString(parallelism))
        // Our own listener reports; the JUnit-side reports of the Launcher are not wanted here.
        .configurationParameter("junit.platform.output.capture.stdout", "false");
    if (tags != null && !tags.isBlank()) {
      builder.configurationParameter("cucumber.filter.tags", tags);
    }
    return builder.build();
  }

  /** Removes what the launcher made for the run (its containers), reporting what it cannot. */
  private static void closeQuietly(org.ipcspec.suite.agent.AgentLauncher agents) {
    if (agents instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        System.err.println("ipcspec: could not remove the run's containers: " + e.getMessage());
      }
    }
  }

  /**
   * Removes the run's folder while the run may still be going: the hooks that kill the agents run
   * at the same time as this one, and a scenario may be writing into the folder. So the folder is
   * removed again until it stays gone (nothing in the run makes it anew, see ScenarioWorld).
   */
  private static void removeForGood(Path dir) {
    for (int attempt = 0; attempt < 20; attempt++) {
      quietlyDelete(dir);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!Files.exists(dir)) {
        return;
      }
    }
  }

  private static void quietlyDelete(Path dir) {
    try {
      Directories.deleteRecursively(dir);
    } catch (IOException e) {
      System.err.println("ipcspec: could not remove " + dir + ": " + e.getMessage());
    }
  }
}
