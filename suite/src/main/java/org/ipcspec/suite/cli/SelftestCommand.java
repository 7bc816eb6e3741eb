package org.ipcspec.suite.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ipcspec.reports.Mechanism;
import org.ipcspec.reports.MutationReport;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.SummaryJson;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.Timeouts;
import org.ipcspec.suite.engine.Verification;
import org.ipcspec.suite.plugin.DescriptorException;
import org.ipcspec.suite.plugin.PluginCatalog;
import org.ipcspec.suite.plugin.PluginDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipcspec selftest}: how many deliberately broken plugins the features reject. */
@Command(
    name = "selftest",
    description = {
      "Run the features against the reference and against every mutant (a plugin that breaks one documented",
      "behaviour), and show which scenario kills which mutant. Writes mutation.json.",
      "Exit 0 when every mutant is killed and every @must scenario kills one; 1 otherwise; 2 for usage errors."
    })
final class SelftestCommand implements Callable<Integer> {

  @Option(names = "--mutants", paramLabel = "DIR", description = "The folder of mutant plugins (default: fixtures/mutants of the checkout).")
  Path mutantsDir;

  @Option(names = "--mutant", paramLabel = "ID", description = "Only this mutant (repeatable). Default: every one in --mutants.")
  List<String> mutantIds = new ArrayList<>();

  @Option(names = "--reference", paramLabel = "ID", defaultValue = "posix", description = "The plugin the mutants break (default: ${DEFAULT-VALUE}).")
  String referenceId;

  @Option(names = "--tags", paramLabel = "EXPR", description = "Only the scenarios of this Cucumber tag expression.")
  String tags;

  @Option(names = "--out", paramLabel = "DIR", description = "Where results go (default: reports/selftest).")
  Path out;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "2", description = "Run N scenarios at once (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--timeout-scale", paramLabel = "X", defaultValue = "1.0", description = "Multiply every timeout by X, for slow machines (default: ${DEFAULT-VALUE}).")
  double timeoutScale;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    PluginDescriptor reference;
    List<PluginDescriptor> mutants;
    Timeouts timeouts;
    try {
      Path folder = mutantsDir != null ? mutantsDir : IpcspecCommand.home().resolve("fixtures").resolve("mutants");
      PluginCatalog catalog = PluginCatalog.discover(IpcspecCommand.home(), List.of(folder));
      reference = catalog.find(referenceId).orElseThrow(() -> new DescriptorException("no reference plugin with id " + referenceId));
      mutants = chooseMutants(catalog.fromPluginDirs());
      timeouts = Timeouts.defaults().scaled(timeoutScale);
    } catch (DescriptorException | IllegalArgumentException e) {
      System.err.println("ipcspec: " + e.getMessage());
      return IpcspecCommand.USAGE;
    }
    Path output = out != null ? out : Path.of("reports", "selftest");
    // The @isolation scenarios need containers; their mutants are run by the container tests.
    String selection = tags == null ? "not @isolation" : "(" + tags + ") and not @isolation";
    try {
      RunSummary referenceRun = run(reference, output, selection, timeouts);
      List<RunSummary> mutantRuns = new ArrayList<>();
      Map<String, String> descriptions = new LinkedHashMap<>();
      for (PluginDescriptor mutant : mutants) {
        descriptions.put(mutant.id(), mutant.description());
        mutantRuns.add(run(mutant, output, selection, timeouts));
      }
      MutationReport report = MutationReport.of(referenceRun, descriptions, mutantRuns);
      SummaryJson.write(report, output.resolve("mutation.json"));
      print(report);
      System.out.printf(Locale.ROOT, "results: %s%nwall time: %.1f s%n", output.resolve("mutation.json").toAbsolutePath(),
          (System.nanoTime() - started) / 1e9);
      return report.complete() ? 0 : 1;
    } catch (IOException | HarnessException | IllegalArgumentException e) {
      System.err.println("ipcspec: " + e.getMessage());
      return IpcspecCommand.USAGE;
    }
  }

  private List<PluginDescriptor> chooseMutants(List<PluginDescriptor> found) throws DescriptorException {
    if (found.isEmpty()) {
      throw new DescriptorException("no mutant plugin in " + (mutantsDir != null ? mutantsDir : "fixtures/mutants"));
    }
    if (mutantIds.isEmpty()) {
      return found;
    }
    List<PluginDescriptor> chosen = new ArrayList<>();
    for (String id : mutantIds) {
      chosen.add(found.stream().filter(p -> p.id().equals(id) || p.id().equals("mutant-" + id)).findFirst()
          .orElseThrow(() -> new DescriptorException("no mutant " + id + "; known: " + found.stream().map(PluginDescriptor::id).toList())));
    }
    return chosen;
  }

  private RunSummary run(PluginDescriptor plugin, Path output, String selection, Timeouts timeouts) throws IOException {
    System.out.println("running " + plugin.id() + " ...");
    return Verification.of(plugin).withOutput(output.resolve(plugin.id())).withTimeouts(timeouts)
        .withParallelism(jobs).withTags(selection).run().summary();
  }

  private static void print(MutationReport report) {
    System.out.println();
    for (Mechanism mechanism : Mechanism.values()) {
      List<MutationReport.Scenario> scenarios = report.scenarios().stream().filter(s -> s.mechanism() == mechanism).toList();
      if (scenarios.isEmpty()) {
        continue;
      }
      System.out.println(mechanism.id() + ":");
      for (MutationReport.Scenario scenario : scenarios) {
        String killers = scenario.killedBy().isEmpty() ? (scenario.level().equals("must") ? "(no mutant fails it: a gap)" : "(no mutant fails it)")
            : String.join(", ", scenario.killedBy());
        System.out.printf(Locale.ROOT, "  %-9s %-6s %s%n", scenario.id(), scenario.level(), killers);
      }
    }
    System.out.println();
    for (MutationReport.Mutant mutant : report.mutants()) {
      System.out.printf(Locale.ROOT, "  %-28s killed by %d scenario(s)%s%n", mutant.id(), mutant.killed().size(),
          mutant.errors().isEmpty() ? "" : "; ERROR in " + String.join(", ", mutant.errors()));
    }
    System.out.println();
    System.out.println("mutants: " + report.mutants().size() + ", survivors: " + (report.survivors().isEmpty() ? "none" : String.join(", ", report.survivors())));
    System.out.println("@must scenarios no mutant fails: " + (report.mustGaps().isEmpty() ? "none" : report.mustGaps().size() + " (" + String.join(", ", report.mustGaps()) + ")"));
    if (!report.notPassedByReference().isEmpty()) {
      System.out.println("not passed by the reference, so not measured: " + String.join(", ", report.notPassedByReference()));
    }
    System.out.println(report.complete() ? "SELFTEST COMPLETE: every mutant killed, every @must scenario shown to fail."
        : "SELFTEST INCOMPLETE");
  }
}
