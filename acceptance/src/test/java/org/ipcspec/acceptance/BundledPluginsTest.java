package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ipcspec.reports.Mechanism;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.SummaryJson;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.engine.Directories;
import org.ipcspec.suite.plugin.PluginDescriptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Every bundled plugin that runs on any Linux machine certified in one command, as the README
 * shows it: {@code ipcspec verify --plugin junixsocket --plugin python --plugin agrona --plugin jdk
 * --plugin posix}, less the @isolation scenarios (ContainerIsolationTest); Wine's is
 * WinePluginTest. It is also the build's one run of the reference. No ERROR, and
 * each verdict honest: NOT_APPLICABLE exactly where a plugin claims nothing, EXPECTED_FAIL exactly
 * where it declares a deviation, PASS everywhere else. Then what each plugin is there to show.
 */
class BundledPluginsTest extends LeavesNothingBehind {
  private static final List<String> PLUGINS = List.of("junixsocket", "python", "agrona", "jdk", "posix");

  @TempDir static Path tmp;
  private static int exit;
  private static String errors;
  private static final Map<String, RunSummary> runs = new LinkedHashMap<>();

  /** One run for every test: the five plugins take about 90 seconds. */
  @BeforeAll
  static void verifyEveryBundledPluginInOneCommand() throws Exception {
    Path runRoot = Files.createTempDirectory(Path.of("/tmp"), "it-");
    Files.setPosixFilePermissions(runRoot, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
    List<String> command = new ArrayList<>(List.of(Bundled.home().resolve("ipcspec").toString(), "verify"));
    PLUGINS.forEach(id -> command.addAll(List.of("--plugin", id)));
    // The @isolation scenarios need containers: ContainerIsolationTest runs them.
    command.addAll(List.of("--tags", "not @isolation", "--out", tmp.resolve("results").toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
        .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(tmp.resolve("stderr.txt").toFile());
    builder.environment().put("TMPDIR", runRoot.toString());
    Process process = builder.start();
    try {
      if (!process.waitFor(8, TimeUnit.MINUTES)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError("ipcspec verify of five plugins did not finish in 8 minutes");
      }
      exit = process.exitValue();
      try (Stream<Path> left = Files.list(runRoot)) {
        assertThat(left.toList()).as("run directories left in " + runRoot).isEmpty();
      }
    } finally {
      Directories.deleteRecursively(runRoot);
    }
    errors = Files.readString(tmp.resolve("stderr.txt"));
    for (String id : PLUGINS) {
      runs.put(id, SummaryJson.read(tmp.resolve("results").resolve(id).resolve("summary.json")));
    }
  }

  @Test
  void everyPluginIsCertifiedWithHonestVerdictsAndNoError() {
    assertThat(exit).as("exit of verify; stderr:\n" + errors).isZero();
    for (String id : PLUGINS) {
      PluginDescriptor plugin = Bundled.plugin("plugins/" + id);
      RunSummary run = runs.get(id);
      assertThat(run.certified()).as(id + " certified").isTrue();
      for (ScenarioResult scenario : run.scenarios()) {
        assertThat(scenario.verdict()).as(id + " " + scenario.id() + ": " + scenario.message())
            .isNotEqualTo(Verdict.ERROR)
            .isEqualTo(Bundled.honestVerdict(plugin, scenario));
      }
    }
    assertThat(tmp.resolve("results/matrix.json")).content().contains(PLUGINS.stream().map(id -> "\"" + id + "\"").toList());
  }

  /**
   * The reference passes every scenario it claims, that is every one that calls for what POSIX
   * offers (not a library's message rings, nor Windows' DDE and OLE), and its run writes all its
   * result files.
   */
  @Test
  void posixPassesEveryScenarioItClaimsAndWritesEveryResultFile() throws Exception {
    RunSummary summary = runs.get("posix");
    Path out = tmp.resolve("results").resolve("posix");
    assertThat(summary.scenarios()).hasSizeGreaterThanOrEqualTo(12);
    assertThat(summary.scenarios()).extracting(ScenarioResult::verdict).containsOnly(Verdict.PASS, Verdict.NOT_APPLICABLE);
    assertThat(summary.scenarios()).filteredOn(s -> s.verdict() == Verdict.NOT_APPLICABLE)
        .allSatisfy(s -> assertThat(s.tags()).containsAnyOf("requires:msg.ring", "requires:msg.broadcast", "requires:dde",
            "requires:ole.storage"));
    assertThat(summary.certified()).isTrue();
    assertThat(summary.scenarios()).allSatisfy(s -> {
      assertThat(s.id()).matches("[A-Z]+-\\d\\d");
      assertThat(s.level()).isIn("must", "should", "may");
      assertThat(s.sources()).isNotEmpty();
    });
    assertThat(summary.scenarios()).extracting(ScenarioResult::id).doesNotHaveDuplicates();

    assertThat(summary.schema()).isEqualTo("ipcspec-summary/1");
    assertThat(summary.plugin().id()).isEqualTo("posix");
    assertThat(summary.environment().os()).isNotBlank();
    assertThat(summary.totals().get(Verdict.PASS)).isEqualTo(summary.scenarios().size() - summary.totals().getOrDefault(Verdict.NOT_APPLICABLE, 0));

    Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile());
    assertThat(junit.getElementsByTagName("testcase").getLength()).isEqualTo(summary.scenarios().size());
    try (Stream<Path> allure = Files.list(out.resolve("allure-results"))) {
      assertThat(allure.filter(p -> p.toString().endsWith("-result.json")).count()).isEqualTo(summary.scenarios().size());
    }
  }

  @Test
  void pythonPassesEveryFifoAndPipeScenarioCPythonCanExpress() {
    for (ScenarioResult scenario : runs.get("python").scenarios()) {
      if ((scenario.mechanism() == Mechanism.FIFO || scenario.mechanism() == Mechanism.PIPE) && !scenario.tags().contains("isolation")) {
        assertThat(scenario.verdict()).as(scenario.id() + ": " + scenario.message()).isEqualTo(Verdict.PASS);
      }
    }
  }

  @Test
  void junixsocketPassesTheUnixDatagramAndPeerCredentialScenariosTheJdkCannot() {
    for (String id : List.of("SOCK-06", "SOCK-10", "SOCK-19", "SOCK-29", "SOCK-30", "SOCK-31")) {
      assertThat(verdict("junixsocket", id)).as("junixsocket " + id).isEqualTo(Verdict.PASS);
      assertThat(verdict("jdk", id)).as("jdk " + id).isEqualTo(Verdict.NOT_APPLICABLE);
    }
  }

  @Test
  void agronaPassesEveryRingAndBroadcastScenarioAndClaimsNoKernelQueue() {
    for (ScenarioResult scenario : runs.get("agrona").scenarios()) {
      boolean ring = scenario.tags().contains("requires:msg.ring") || scenario.tags().contains("requires:msg.broadcast");
      assertThat(scenario.verdict()).as("agrona " + scenario.id()).isEqualTo(ring ? Verdict.PASS : Verdict.NOT_APPLICABLE);
    }
    assertThat(runs.get("agrona").scenarios()).filteredOn(s -> s.verdict() == Verdict.PASS).hasSize(10);
  }

  private Verdict verdict(String plugin, String scenario) {
    return runs.get(plugin).scenarios().stream().filter(s -> s.id().equals(scenario)).findFirst().orElseThrow().verdict();
  }
}
