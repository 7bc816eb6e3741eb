package org.ipcspec.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepeatReportTest {
  @TempDir Path dir;

  private static RunSummary run(Verdict second) {
    return RunSummary.of(new RunSummary.PluginInfo("posix", "posix", "1"), RunSummary.Environment.current("process"),
        Instant.parse("2026-11-26T10:00:00Z"), 1, List.of(
            new ScenarioResult("SIG-01", Mechanism.SIGNAL, "must", "one", List.of("signal(7)"), List.of(), Verdict.PASS, 1, ""),
            new ScenarioResult("SIG-02", Mechanism.SIGNAL, "must", "two", List.of("signal(7)"), List.of(), second, 1, "")));
  }

  @Test
  void aScenarioWithMoreThanOneVerdictIsFlakyWithItsCounts() throws Exception {
    RepeatReport report = RepeatReport.of(List.of(run(Verdict.PASS), run(Verdict.FAIL), run(Verdict.PASS)));

    assertThat(report.runs()).isEqualTo(3);
    assertThat(report.flaky()).containsExactly("SIG-02");
    assertThat(report.scenarios().get(0).verdicts()).isEqualTo(Map.of(Verdict.PASS, 3));
    assertThat(report.scenarios().get(1).verdicts()).isEqualTo(Map.of(Verdict.PASS, 2, Verdict.FAIL, 1));

    Path file = dir.resolve("repeat.json");
    SummaryJson.write(report, file);
    assertThat(SummaryJson.readRepeat(file)).isEqualTo(report);
  }

  @Test
  void aScenarioMissingFromARunIsFlakyToo() {
    RunSummary without = RunSummary.of(new RunSummary.PluginInfo("posix", "posix", "1"), RunSummary.Environment.current("process"),
        Instant.parse("2026-11-26T10:00:00Z"), 1, List.of(run(Verdict.PASS).scenarios().get(0)));
    assertThat(RepeatReport.of(List.of(run(Verdict.PASS), without)).flaky()).containsExactly("SIG-02");
  }

  @Test
  void theSameVerdictEveryTimeIsNotFlaky() {
    assertThat(RepeatReport.of(List.of(run(Verdict.FAIL), run(Verdict.FAIL))).flaky()).isEmpty();
  }
}
