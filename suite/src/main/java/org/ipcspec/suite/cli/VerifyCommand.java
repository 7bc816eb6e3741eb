package org.ipcspec.suite.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ipcspec.reports.RepeatReport;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.SummaryJson;
import org.ipcspec.reports.Verdict;
import org.ipcspec.reports.certificate.CertificateFiles;
import org.ipcspec.reports.matrix.Matrix;
import org.ipcspec.reports.matrix.MatrixFiles;
import org.ipcspec.suite.agent.AgentCommand;
import org.ipcspec.suite.agent.ContainerEngine;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.Timeouts;
import org.ipcspec.suite.engine.Isolation;
import org.ipcspec.suite.engine.Verification;
import org.ipcspec.suite.engine.VerificationResult;
import org.ipcspec.suite.plugin.DescriptorException;
import org.ipcspec.suite.plugin.PluginCatalog;
import org.ipcspec.suite.plugin.PluginDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipcspec verify}: certify plugins against the features. */
@Command(
    name = "verify",
    description = {
      "Run the features against a plugin and write summary.json, junit.xml and allure-results/.",
      "Exit 0 when every applicable @must scenario passes or is a declared deviation and nothing ended in ERROR;",
      "1 otherwise; 2 for usage or configuration errors."
    })
final class VerifyCommand implements Callable<Integer> {

  @Option(names = "--plugin", paramLabel = "ID", description = "The plugin to certify (repeatable). Default: the plugins of --plugin-dir, else posix.")
  List<String> pluginIds = new ArrayList<>();

  @Option(names = "--plugin-dir", paramLabel = "DIR", description = "A plugin folder, or a folder of plugin folders (repeatable).")
  List<Path> pluginDirs = new ArrayList<>();

  @Option(names = "--tags", paramLabel = "EXPR", description = "A Cucumber tag expression, e.g. \"@must and not @FIFO-12\".")
  String tags;

  @Option(names = "--out", paramLabel = "DIR", description = "Where results go (default: reports/latest).")
  Path out;

  @Option(names = "--features", paramLabel = "DIR", description = "Read features from this folder instead of the bundled ones.")
  Path features;

  @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "process",
      description = "process (default): each participant a process of this machine; container: each in a container of its own.")
  private String isolation;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "2", description = "Run N scenarios at once (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--timeout-scale", paramLabel = "X", defaultValue = "1.0", description = "Multiply every timeout by X, for slow machines (default: ${DEFAULT-VALUE}).")
  double timeoutScale;

  @Option(names = "--report", description = "Then make the Allure report of the results (OUT/allure-report/index.html), as `ipcspec report` does.")
  boolean report;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
      description = "Run every scenario N times and report each one whose verdict changed, with its counts (repeat.json).")
  int repeat;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    List<PluginDescriptor> plugins;
    Timeouts timeouts;
    try {
      plugins = choosePlugins(PluginCatalog.discover(IpcspecCommand.home(), pluginDirs));
      for (PluginDescriptor plugin : plugins) {
        AgentCommand.of(plugin); // a missing agent program is a configuration error, found before any scenario
      }
      timeouts = Timeouts.defaults().scaled(timeoutScale);
      if (repeat < 1) {
        throw new IllegalArgumentException("--repeat takes a number of runs from 1, not " + repeat);
      }
      if (!isolation.equals("process") && !isolation.equals("container")) {
        throw new IllegalArgumentException("--isolation is process or container, not " + isolation);
      }
      if (isolation.equals("container")) {
        checkContainers(plugins);
      }
      checkRunnable(plugins);
    } catch (DescriptorException | HarnessException | IllegalArgumentException e) {
      System.err.println("ipcspec: " + e.getMessage());
      return IpcspecCommand.USAGE;
    }
    Path output = out != null ? out : Path.of("reports", "latest");
    int exit = 0;
    for (PluginDescriptor plugin : plugins) {
      Path pluginOut = outputOf(plugin, plugins, output);
      try {
        exit = Math.max(exit, verify(plugin, pluginOut, timeouts));
      } catch (IllegalArgumentException e) {
        System.err.println("ipcspec: " + e.getMessage());
        return IpcspecCommand.USAGE;
      } catch (IOException e) {
        System.err.println("ipcspec: cannot write results to " + pluginOut + ": " + e.getMessage());
        return IpcspecCommand.USAGE;
      }
    }
    if (plugins.size() > 1 && repeat == 1) {
      try {
        Matrix matrix = MatrixFiles.write(MatrixFiles.runsIn(plugins.stream().map(p -> outputOf(p, plugins, output)).toList()), output);
        System.out.println(CompareCommand.describe(matrix) + ": " + output.resolve(MatrixFiles.HTML));
      } catch (IOException e) {
        System.err.println("ipcspec: cannot write the matrix to " + output + ": " + e.getMessage());
        return IpcspecCommand.USAGE;
      }
    }
    if (report && repeat == 1) {
      try {
        // This run's results only, whatever an earlier run left in the folder.
        List<Path> results = plugins.stream().map(p -> outputOf(p, plugins, output).resolve("allure-results")).toList();
        System.out.println("Allure report: " + ReportCommand.generate(output, results).toAbsolutePath());
      } catch (IOException | IllegalArgumentException e) {
        System.err.println("ipcspec: cannot make the Allure report: " + e.getMessage());
        return IpcspecCommand.USAGE;
      }
    }
    System.out.printf(Locale.ROOT, "wall time: %.1f s%n", (System.nanoTime() - started) / 1e9);
    return exit;
  }

  /** Where a plugin's results go: the output folder itself when it is the only plugin, else a folder of its own in it. */
  private static Path outputOf(PluginDescriptor plugin, List<PluginDescriptor> plugins, Path output) {
    return plugins.size() == 1 ? output : output.resolve(plugin.id());
  }

  /**
   * Says, before any scenario, whether each plugin's agents can run in containers here; builds an
   * image that comes from a Dockerfile, so a broken one stops the run with a configuration error.
   */
  private static void checkContainers(List<PluginDescriptor> plugins) {
    for (PluginDescriptor plugin : plugins) {
      String unavailable = ContainerEngine.unavailableFor(plugin);
      if (unavailable != null && "true".equals(System.getenv("CI"))) {
        throw new IllegalArgumentException("containers are required when CI=true, but " + unavailable);
      }
      if (unavailable != null) {
        System.err.println("ipcspec: no containers here for " + plugin.id() + " (" + unavailable + "): every scenario is NOT_APPLICABLE");
      }
    }
  }

  /** Says, before any scenario, which plugins cannot run on this machine; in CI that is a configuration error. */
  private static void checkRunnable(List<PluginDescriptor> plugins) {
    for (PluginDescriptor plugin : plugins) {
      plugin.missingHere().ifPresent(missing -> {
        if ("true".equals(System.getenv("CI"))) {
          throw new IllegalArgumentException("every plugin asked for must run when CI=true, but " + missing);
        }
        System.err.println("ipcspec: " + missing + ": every scenario it claims is NOT_APPLICABLE, and nothing of it is certified");
      });
    }
  }

  private List<PluginDescriptor> choosePlugins(PluginCatalog catalog) throws DescriptorException {
    if (pluginIds.isEmpty()) {
      return catalog.fromPluginDirs().isEmpty()
          ? List.of(catalog.find("posix").orElseThrow(() -> new DescriptorException(
              "the reference plugin posix is not found under " + IpcspecCommand.home() + "/plugins (set IPCSPEC_HOME)")))
          : catalog.fromPluginDirs();
    }
    List<PluginDescriptor> chosen = new ArrayList<>();
    for (String id : pluginIds) {
      chosen.add(catalog.find(id).orElseThrow(() -> new DescriptorException(
          "no plugin with id " + id + "; known: " + catalog.all().stream().map(PluginDescriptor::id).toList())));
    }
    return chosen;
  }

  private Verification verification(PluginDescriptor plugin, Path output, Timeouts timeouts) {
    Verification verification = Verification.of(plugin)
        .withOutput(output)
        .withTimeouts(timeouts)
        .withParallelism(jobs)
        .withIsolation(Isolation.valueOf(isolation.toUpperCase(Locale.ROOT)));
    if (tags != null) {
      verification.withTags(tags);
    }
    if (features != null) {
      verification.withFeatures(features);
    }
    return verification;
  }

  /**
   * Runs the plugin {@code repeat} times, each run in a folder of its own, and reports every
   * scenario whose verdict changed; 0 when none did and every run certifies.
   */
  private int repeat(PluginDescriptor plugin, Path output, Timeouts timeouts) throws IOException {
    System.out.println("ipcspec verify: " + plugin.name() + " " + plugin.version() + " (" + plugin.id() + "), " + repeat + " runs");
    List<RunSummary> runs = new ArrayList<>();
    boolean allCertified = true;
    for (int k = 1; k <= repeat; k++) {
      VerificationResult result = verification(plugin, output.resolve("run-" + k), timeouts).run();
      runs.add(result.summary());
      allCertified &= result.certified();
      Map<Verdict, Integer> totals = result.summary().totals();
      System.out.printf(Locale.ROOT, "  run %d/%d: %s (%.1f s)%n", k, repeat,
          totals.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")),
          result.summary().durationMs() / 1000.0);
    }
    RepeatReport report = RepeatReport.of(runs);
    SummaryJson.write(report, output.resolve("repeat.json"));
    if (report.flaky().isEmpty()) {
      System.out.println("no scenario changed its verdict over " + repeat + " runs");
    } else {
      System.out.println("scenarios whose verdict changed over " + repeat + " runs:");
      report.scenarios().stream().filter(RepeatReport.Scenario::flaky).forEach(s -> System.out.printf(Locale.ROOT, "  %-9s %-6s %s: %s%n",
          s.id(), s.level(), s.title(), s.verdicts().entrySet().stream().sorted(Map.Entry.comparingByKey())
              .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
    }
    System.out.println("results: " + output.resolve("repeat.json").toAbsolutePath());
    return report.flaky().isEmpty() && allCertified ? 0 : 1;
  }

  private int verify(PluginDescriptor plugin, Path output, Timeouts timeouts) throws IOException {
    if (repeat > 1) {
      return repeat(plugin, output, timeouts);
    }
    System.out.println("ipcspec verify: " + plugin.name() + " " + plugin.version() + " (" + plugin.id() + ", " + plugin.directory() + ")");
    VerificationResult result = verification(plugin, output, timeouts).withListener(VerifyCommand::printLine).run();
    printTable(result);
    if (!result.isolationCost().isEmpty()) {
      System.out.println("isolation: " + result.isolationCost());
    }
    for (String id : plugin.deviations().keySet()) {
      if (tags == null && result.summary().scenarios().stream().noneMatch(s -> s.id().equals(id))) {
        System.out.println("warning: " + plugin.file() + " declares a deviation for " + id + ", which is no scenario of the specification");
      }
    }
    return result.certified() ? 0 : 1;
  }

  private static void printLine(ScenarioResult result) {
    System.out.printf(Locale.ROOT, "  %-15s %-9s %-6s %s (%d ms)%n", result.verdict(), result.id(), result.level(), result.title(), result.durationMs());
    if (result.verdict() != Verdict.PASS && !result.message().isEmpty()) {
      result.message().lines().limit(12).forEach(line -> System.out.println("      " + line));
    }
  }

  private static void printTable(VerificationResult result) {
    RunSummary summary = result.summary();
    System.out.println();
    System.out.printf("  %-16s %5s%n", "verdict", "count");
    for (Verdict verdict : Verdict.values()) {
      System.out.printf("  %-16s %5d%n", verdict, summary.totals().get(verdict));
    }
    System.out.printf("  %-16s %5d%n", "total", summary.scenarios().size());
    System.out.println();
    if (result.certified()) {
      System.out.println("CERTIFIED: " + summary.plugin().id() + " passes every applicable @must scenario.");
    } else {
      System.out.println("NOT CERTIFIED: " + summary.plugin().id() + (result.blocking().isEmpty()
          ? ": no scenario applied (see the reasons of the NOT_APPLICABLE verdicts)" : ", because of:"));
      result.blocking().forEach(s -> System.out.println("  " + s.verdict() + " " + s.id() + " (" + s.level() + ") " + s.title()));
    }
    System.out.printf(Locale.ROOT, "results: %s (%.1f s)%n", result.output().toAbsolutePath(), summary.durationMs() / 1000.0);
    System.out.println("certificate: " + result.output().resolve(CertificateFiles.HTML).toAbsolutePath());
  }
}
