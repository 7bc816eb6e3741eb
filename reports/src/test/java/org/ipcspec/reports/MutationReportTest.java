package org.ipcspec.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutationReportTest {
  @TempDir Path dir;

  private static ScenarioResult scenario(String id, String level, Verdict verdict) {
    return new ScenarioResult(id, Mechanism.FIFO, level, "title of " + id, List.of("fifo(7)"), List.of(id, level), verdict, 1, "");
  }

  private static RunSummary run(String plugin, ScenarioResult... results) {
    return RunSummary.of(new RunSummary.PluginInfo(plugin, plugin, "1"), RunSummary.Environment.current("process"),
        Instant.parse("2026-11-26T10:00:00Z"), 1, List.of(results));
  }

  private final RunSummary reference = run("posix",
      scenario("FIFO-01", "must", Verdict.PASS),
      scenario("FIFO-02", "must", Verdict.PASS),
      scenario("FIFO-03", "should", Verdict.PASS),
      scenario("FIFO-04", "must", Verdict.FAIL));

  @Test
  void aKillIsAFailOfAScenarioTheReferencePasses() {
    MutationReport report = MutationReport.of(reference, Map.of("m1", "breaks order"), List.of(
        run("m1", scenario("FIFO-01", "must", Verdict.FAIL), scenario("FIFO-02", "must", Verdict.ERROR),
            scenario("FIFO-03", "should", Verdict.PASS), scenario("FIFO-04", "must", Verdict.FAIL)),
        run("m2", scenario("FIFO-01", "must", Verdict.FAIL), scenario("FIFO-02", "must", Verdict.PASS),
            scenario("FIFO-03", "should", Verdict.PASS), scenario("FIFO-04", "must", Verdict.FAIL)),
        run("m3", scenario("FIFO-01", "must", Verdict.PASS), scenario("FIFO-02", "must", Verdict.PASS),
            scenario("FIFO-03", "should", Verdict.NOT_APPLICABLE), scenario("FIFO-04", "must", Verdict.FAIL))));

    assertThat(report.mutants().get(0)).isEqualTo(new MutationReport.Mutant("m1", "breaks order", List.of("FIFO-01"), List.of("FIFO-02")));
    assertThat(report.scenarios()).extracting(MutationReport.Scenario::id).containsExactly("FIFO-01", "FIFO-02", "FIFO-03");
    assertThat(report.scenarios().get(0).killedBy()).containsExactly("m1", "m2");
    assertThat(report.survivors()).as("FIFO-04 fails on the reference too: no kill").containsExactly("m3");
    assertThat(report.mustGaps()).as("an ERROR is no kill").containsExactly("FIFO-02");
    assertThat(report.notPassedByReference()).containsExactly("FIFO-04");
    assertThat(report.complete()).isFalse();
  }

  @Test
  void everyMutantKilledAndEveryMustShownToFailIsComplete() throws Exception {
    MutationReport report = MutationReport.of(reference, Map.of(), List.of(
        run("m1", scenario("FIFO-01", "must", Verdict.FAIL), scenario("FIFO-02", "must", Verdict.PASS)),
        run("m2", scenario("FIFO-02", "must", Verdict.FAIL))));
    assertThat(report.complete()).isTrue();
    assertThat(report.scenarios().get(2).killedBy()).as("a @should scenario nobody kills is no gap").isEmpty();

    Path file = dir.resolve("mutation.json");
    SummaryJson.write(report, file);
    assertThat(SummaryJson.readMutation(file)).isEqualTo(report);
    assertThat(Files.readString(file)).contains("\"schema\" : \"ipcspec-mutation/1\"");
  }
}
