package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ipcspec.reports.MutationReport;
import org.ipcspec.reports.RepeatReport;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.SummaryJson;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.engine.VerificationResult;
import org.ipcspec.suite.features.Specification;
import org.ipcspec.suite.plugin.PluginDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./ipcspec launcher as a user runs it: exit codes, messages, and plugins from outside the checkout. */
class CommandLineTest extends LeavesNothingBehind {
  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  private Run ipcspec(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Bundled.home().resolve("ipcspec").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
        .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(tmp.resolve("stderr.txt").toFile());
    builder.environment().put("TMPDIR", workRoot.toString());
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("ipcspec finished").isTrue();
    return new Run(process.exitValue(), Files.readString(tmp.resolve("stdout.txt")), Files.readString(tmp.resolve("stderr.txt")));
  }

  /** A plugin folder outside the checkout: the reference agent, started by absolute path from a descriptor elsewhere. */
  private Path outsidePlugin(String descriptorChange) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("outside-plugin"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode descriptor = (ObjectNode) json.readTree(Bundled.home().resolve("plugins/posix/ipcspec-plugin.json").toFile());
    descriptor.put("id", "outside").put("name", "A plugin from outside the checkout").put("version", "9.9");
    String agent = Bundled.home().resolve("plugins/posix/target/ipcspec-posix-agent").toString();
    ((ObjectNode) descriptor.get("agent")).putArray("command").add(agent);
    String text = json.writerWithDefaultPrettyPrinter().writeValueAsString(descriptor);
    if (descriptorChange != null) {
      String[] change = descriptorChange.split("=>");
      text = text.replace(change[0], change[1]);
    }
    Files.writeString(dir.resolve("ipcspec-plugin.json"), text);
    return dir;
  }

  @Test
  void compareAndReportRefuseAFolderWithoutResults() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("no-results"));

    Run compare = ipcspec("compare", empty.toString());
    Run report = ipcspec("report", empty.toString());

    assertThat(compare.exit()).isEqualTo(2);
    assertThat(compare.err()).contains("holds no run");
    assertThat(report.exit()).isEqualTo(2);
    assertThat(report.err()).contains("holds no allure-results/");
  }

  @Test
  void compareMakesTheMatrixOfRunsAlreadyMade() throws Exception {
    Path results = tmp.resolve("results");
    Run verify = ipcspec("verify", "--plugin", "posix", "--plugin", "jdk", "--tags", "@FIFO-01 or @FIFO-03", "--out", results.toString());
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(results.resolve("matrix.html")).exists();
    assertThat(results.resolve("posix/certificate.json")).exists();
    assertThat(results.resolve("jdk/badge.svg")).exists();

    Run compare = ipcspec("compare", results.resolve("posix").toString(), results.resolve("jdk").toString(), "--out", tmp.resolve("m").toString());

    assertThat(compare.exit()).as(compare.err()).isZero();
    assertThat(compare.out()).contains("matrix of 2 runs (posix, jdk), 2 scenarios");
    assertThat(tmp.resolve("m/matrix.json")).content().contains("\"FIFO-01\"", "\"NOT_APPLICABLE\"");
  }

  @Test
  void explainPrintsAScenarioWithItsSourcesAndHowEachBundledPluginFares() throws Exception {
    Run run = ipcspec("explain", "FIFO-01");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains(
        "FIFO-01 (must): mkfifo makes a filesystem entry of type FIFO",
        "features/fifo.feature line",
        "When alice creates the FIFO \"chan\" with mkfifo and mode 0640",
        "SEED-FIFO-1: A FIFO is a named pipe that lives in the filesystem",
        "fifo(7): manual page, read it with `man 7 fifo`",
        "Needs the capabilities: fifo, fifo.create, fs.stat");
    assertThat(run.out()).containsPattern("posix +PASS").containsPattern("jdk +NOT_APPLICABLE +needs \\[fifo.create\\]");
  }

  @Test
  void explainingAnUnknownIdIsAUsageError() throws Exception {
    Run run = ipcspec("explain", "NOPE-99", "--no-run");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("no scenario has the ID NOPE-99");
  }

  @Test
  void aPluginFolderOutsideTheCheckoutIsCertified() throws Exception {
    Path out = tmp.resolve("out");
    Run run = ipcspec("verify", "--plugin-dir", outsidePlugin(null).toString(), "--tags", "@fifo", "--out", out.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("PASS            FIFO-01").contains("CERTIFIED: outside").contains("wall time:");
    RunSummary summary = SummaryJson.read(out.resolve("summary.json"));
    assertThat(summary.plugin().id()).isEqualTo("outside");
    // Every FIFO scenario passes but the one only containers can show, which still certifies.
    assertThat(summary.totals().get(Verdict.PASS)).isEqualTo(summary.scenarios().size() - 1);
    assertThat(Bundled.scenario(new VerificationResult(summary, out, ""), "FIFO-19").verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
  }

  @Test
  void selftestShowsWhichScenarioKillsWhichMutantAndFailsOnASurvivor() throws Exception {
    Path out = tmp.resolve("selftest");
    Run complete = ipcspec("selftest", "--mutant", "split-writes", "--mutant", "swap-halves", "--tags", "@FIFO-12 or @FIFO-03", "--out", out.toString());

    assertThat(complete.exit()).as(complete.out() + complete.err()).isZero();
    assertThat(complete.out()).contains("FIFO-12   must   mutant-split-writes").contains("SELFTEST COMPLETE");
    MutationReport report = SummaryJson.readMutation(out.resolve("mutation.json"));
    assertThat(report.reference()).isEqualTo("posix");
    assertThat(report.scenarios()).extracting(MutationReport.Scenario::id).containsExactlyInAnyOrder("FIFO-03", "FIFO-12");
    assertThat(report.mutants()).extracting(MutationReport.Mutant::killed).containsExactly(List.of("FIFO-12"), List.of("FIFO-03"));

    // fifo-size-nonzero breaks what only stat shows: none of these scenarios looks.
    Run survivor = ipcspec("selftest", "--mutant", "swap-halves", "--mutant", "fifo-size-nonzero", "--tags", "@FIFO-05", "--out", out.toString());
    assertThat(survivor.exit()).as(survivor.out() + survivor.err()).isEqualTo(1);
    assertThat(survivor.out()).contains("survivors: mutant-fifo-size-nonzero").contains("SELFTEST INCOMPLETE");
    assertThat(SummaryJson.readMutation(out.resolve("mutation.json")).survivors()).containsExactly("mutant-fifo-size-nonzero");

    Run unknown = ipcspec("selftest", "--mutant", "no-such-mutant");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("no mutant no-such-mutant; known:");
  }

  @Test
  void repeatReportsAScenarioWhoseVerdictChangesWithItsCounts() throws Exception {
    Path out = tmp.resolve("repeat");
    // One scenario a run: the flaky agent breaks it in every other run, whatever else runs.
    Run flaky = ipcspec("verify", "--plugin-dir", Bundled.home().resolve("fixtures/broken/flaky").toString(),
        "--tags", "@FIFO-05", "--repeat", "4", "--out", out.toString());

    assertThat(flaky.exit()).as(flaky.out() + flaky.err()).isEqualTo(1);
    assertThat(flaky.out()).contains("scenarios whose verdict changed over 4 runs:").contains("FIFO-05").contains("PASS 2, FAIL 2");
    RepeatReport report = SummaryJson.readRepeat(out.resolve("repeat.json"));
    assertThat(report.flaky()).containsExactly("FIFO-05");
    assertThat(report.scenarios().get(0).verdicts()).containsEntry(Verdict.PASS, 2).containsEntry(Verdict.FAIL, 2);
    assertThat(out.resolve("run-4/summary.json")).exists();

    Run steady = ipcspec("verify", "--plugin", "posix", "--tags", "@FIFO-05", "--repeat", "3", "--out", tmp.resolve("steady").toString());
    assertThat(steady.exit()).as(steady.out() + steady.err()).isZero();
    assertThat(steady.out()).contains("no scenario changed its verdict over 3 runs");

    assertThat(ipcspec("verify", "--repeat", "0").exit()).isEqualTo(2);
  }

  @Test
  void anInterruptedRunKeepsTheVerdictsOfTheScenariosThatFinished() throws Exception {
    Path out = tmp.resolve("interrupted");
    ProcessBuilder builder = new ProcessBuilder(Bundled.home().resolve("ipcspec").toString(), "verify", "--plugin", "posix",
        "--jobs", "1", "--out", out.toString()).directory(tmp.toFile())
        .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(tmp.resolve("stderr.txt").toFile());
    builder.environment().put("TMPDIR", workRoot.toString());
    Process run = builder.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (Files.readAllLines(tmp.resolve("stdout.txt")).stream().filter(line -> line.startsWith("  PASS")).count() < 3) {
        assertThat(run.isAlive()).as("the run is still under way").isTrue();
        assertThat(System.nanoTime()).as("three scenarios finish within 60 s").isLessThan(deadline);
        Thread.sleep(20);
      }
      run.destroy(); // SIGTERM: what Ctrl-C does to the JVM, its shutdown hooks run
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      run.destroyForcibly();
    }
    RunSummary summary = SummaryJson.read(out.resolve("summary.json"));
    assertThat(summary.interrupted()).isTrue();
    assertThat(summary.scenarios().size()).isGreaterThanOrEqualTo(3).isLessThan(Specification.bundled().scenarios().size());
    PluginDescriptor posix = Bundled.plugin("plugins/posix");
    assertThat(summary.scenarios()).allSatisfy(s -> assertThat(s.verdict()).as(s.id()).isEqualTo(Bundled.honestVerdict(posix, s)));
    assertThat(summary.scenarios()).filteredOn(s -> s.verdict() == Verdict.PASS).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void aBrokenDescriptorStopsTheRunWithExit2NamingFileAndField() throws Exception {
    Path plugin = outsidePlugin("\"fs.stat\"=>\"fs.telepathy\"");
    Run run = ipcspec("verify", "--plugin-dir", plugin.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains(plugin.resolve("ipcspec-plugin.json").toString()).contains("capabilities[3]");
  }

  @Test
  void aMissingAgentProgramIsAConfigurationError() throws Exception {
    Path plugin = outsidePlugin("ipcspec-posix-agent=>no-such-agent");
    Run run = ipcspec("verify", "--plugin-dir", plugin.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("no-such-agent").contains("agent.command");
  }

  @Test
  void anUnknownPluginIdIsAUsageError() throws Exception {
    Run run = ipcspec("verify", "--plugin", "nosuch");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("no plugin with id nosuch").contains("posix").contains("jdk");
  }

  @Test
  void tagsThatSelectNothingOrDoNotParseAreUsageErrors() throws Exception {
    Run nothing = ipcspec("verify", "--tags", "@FIFO-99", "--out", tmp.resolve("o1").toString());
    assertThat(nothing.exit()).isEqualTo(2);
    assertThat(nothing.err()).contains("no scenario matches the tag expression @FIFO-99");

    Run broken = ipcspec("verify", "--tags", "@FIFO-01 and", "--out", tmp.resolve("o2").toString());
    assertThat(broken.exit()).isEqualTo(2);
    assertThat(broken.err()).contains("@FIFO-01 and");
  }

  @Test
  void aFailingMustScenarioExitsWith1() throws Exception {
    Run run = ipcspec("verify", "--plugin-dir", Bundled.home().resolve("fixtures/mutants/split-writes").toString(),
        "--tags", "@FIFO-12", "--out", tmp.resolve("o").toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL            FIFO-12").contains("NOT CERTIFIED");
  }

  @Test
  void pluginsListsTheBundledPluginsAndTheirClaims() throws Exception {
    Run run = ipcspec("plugins");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("posix").contains("jdk").contains("fifo.create");
  }

  @Test
  void anUnknownOptionIsAUsageError() throws Exception {
    Run run = ipcspec("verify", "--frobnicate");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(new String(run.err().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).contains("--frobnicate");
  }
}
