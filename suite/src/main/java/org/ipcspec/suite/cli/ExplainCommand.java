package org.ipcspec.suite.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ipcspec.reports.ManualPage;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.suite.engine.Directories;
import org.ipcspec.suite.engine.Verification;
import org.ipcspec.suite.features.Claims;
import org.ipcspec.suite.features.SpecifiedScenario;
import org.ipcspec.suite.features.Specification;
import org.ipcspec.suite.plugin.DescriptorException;
import org.ipcspec.suite.plugin.PluginCatalog;
import org.ipcspec.suite.plugin.PluginDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipcspec explain ID}: the teaching entry point. Prints a scenario as written, its level,
 * the article's claims it encodes (with their text) and the manual pages, then runs it against
 * each bundled plugin and says how each fares.
 */
@Command(name = "explain", description = "Print a scenario, its level and sources (claims with their text, manual pages), and run it against the bundled plugins.")
final class ExplainCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "A scenario ID, such as FIFO-01.")
  String id;

  @Option(names = "--no-run", description = "Do not run the scenario against the bundled plugins.")
  boolean noRun;

  @Override
  public Integer call() throws IOException {
    Specification specification = Specification.bundled();
    SpecifiedScenario scenario = specification.scenario(id).orElse(null);
    if (scenario == null) {
      System.err.println("ipcspec: no scenario has the ID " + id + "; IDs look like FIFO-01, PIPE-06, SIG-12"
          + " (" + specification.scenarios().size() + " scenarios in the features)");
      return IpcspecCommand.USAGE;
    }
    print(scenario, Claims.bundled());
    if (!noRun) {
      runOnBundledPlugins(scenario);
    }
    return 0;
  }

  private static void print(SpecifiedScenario scenario, Claims claims) {
    System.out.println(scenario.id() + " (" + scenario.level() + "): " + scenario.title());
    System.out.println("  in \"" + scenario.feature() + "\", features/" + scenario.file() + " line " + scenario.line());
    System.out.println();
    if (!scenario.description().isEmpty()) {
      scenario.description().lines().forEach(line -> System.out.println("  " + line.strip()));
      System.out.println();
    }
    scenario.steps().forEach(step -> System.out.println("    " + step));
    System.out.println();
    System.out.println("Level: " + scenario.level() + switch (scenario.level()) {
      case "must" -> " (a failure keeps a plugin from being certified)";
      case "should" -> " (a failure is reported, the certificate stands)";
      default -> "";
    });
    System.out.println("Sources:");
    for (String claim : scenario.claims()) {
      System.out.println("  " + claim + ": " + claims.text(claim).orElse("(no text for this claim in features/claims.md)"));
    }
    for (ManualPage page : scenario.manualPages()) {
      System.out.println("  " + page + ": manual page, read it with `" + page.command() + "`");
    }
    if (scenario.claims().isEmpty() && scenario.manualPages().isEmpty()) {
      System.out.println("  (none)");
    }
    System.out.println("Needs the capabilities: " + (scenario.requires().isEmpty() ? "none" : String.join(", ", scenario.requires())));
  }

  private static void runOnBundledPlugins(SpecifiedScenario scenario) throws IOException {
    List<PluginDescriptor> bundled;
    try {
      bundled = List.copyOf(PluginCatalog.discover(IpcspecCommand.home(), List.of()).all());
    } catch (DescriptorException e) {
      System.out.println("Bundled plugins: cannot read them: " + e.getMessage());
      return;
    }
    System.out.println();
    System.out.println("Bundled plugins, running it now:");
    Path out = Files.createTempDirectory("ipcspec-explain-");
    try {
      for (PluginDescriptor plugin : bundled) {
        List<ScenarioResult> results = Verification.of(plugin).withOutput(out.resolve(plugin.id()))
            .withTags("@" + scenario.id()).withParallelism(1).run().summary().scenarios();
        for (ScenarioResult result : results) {
          System.out.printf("  %-8s %-15s %s%n", plugin.id(), result.verdict(), firstLine(result.message()));
        }
      }
    } finally {
      Directories.deleteRecursively(out);
    }
  }

  private static String firstLine(String message) {
    return message.lines().findFirst().orElse("");
  }
}
