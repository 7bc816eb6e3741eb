package org.ipcspec.reports.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.ipcspec.reports.Mechanism;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.SummaryJson;
import org.ipcspec.reports.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The matrix puts each plugin's verdict on each scenario side by side, grouped by mechanism. */
class MatrixFilesTest {
  @TempDir Path root;

  private static ScenarioResult scenario(String id, Mechanism mechanism, Verdict verdict) {
    return new ScenarioResult(id, mechanism, "must", "title of " + id, List.of(), List.of(), verdict, 1,
        verdict == Verdict.PASS ? "" : "why " + id);
  }

  private Path run(String folder, String plugin, ScenarioResult... scenarios) throws Exception {
    RunSummary summary = RunSummary.of(new RunSummary.PluginInfo(plugin, plugin.toUpperCase(), "1"),
        RunSummary.Environment.current("process"), Instant.parse("2026-11-27T10:00:00Z"), 5, List.of(scenarios));
    Path dir = Files.createDirectories(root.resolve(folder));
    SummaryJson.write(summary, dir.resolve("summary.json"));
    return dir;
  }

  @Test
  void rowsAreScenariosByMechanismAndColumnsArePlugins() throws Exception {
    run("both/a", "a", scenario("FIFO-10", Mechanism.FIFO, Verdict.PASS), scenario("FIFO-2", Mechanism.FIFO, Verdict.PASS),
        scenario("SIG-01", Mechanism.SIGNAL, Verdict.FAIL));
    run("both/b", "b", scenario("FIFO-2", Mechanism.FIFO, Verdict.PASS), scenario("FIFO-10", Mechanism.FIFO, Verdict.NOT_APPLICABLE));

    Matrix matrix = MatrixFiles.write(MatrixFiles.runsIn(List.of(root.resolve("both"))), root.resolve("out"));

    assertThat(matrix.plugins()).extracting(Matrix.Column::key).containsExactly("a", "b");
    assertThat(matrix.mechanisms()).extracting(Matrix.Group::mechanism).containsExactly(Mechanism.FIFO, Mechanism.SIGNAL);
    Matrix.Group fifo = matrix.mechanisms().get(0);
    assertThat(fifo.scenarios()).extracting(Matrix.Row::id).containsExactly("FIFO-2", "FIFO-10");
    assertThat(fifo.scenarios().get(1).cells().get("b").verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    assertThat(fifo.passed()).containsEntry("a", "2/2").containsEntry("b", "1/1");
    assertThat(matrix.mechanisms().get(1).scenarios().get(0).cells()).containsOnlyKeys("a");
    assertThat(SummaryJson.readValue(root.resolve("out/matrix.json"), Matrix.class)).isEqualTo(matrix);

    String page = Files.readString(root.resolve("out/matrix.html"));
    assertThat(page).contains("data-scenario=\"SIG-01\"", "not run", "why SIG-01", "<b id=\"differing\">2</b>");
  }

  @Test
  void aFolderWithoutAnyRunIsRefused() throws Exception {
    Files.createDirectories(root.resolve("empty"));
    assertThatThrownBy(() -> MatrixFiles.runsIn(List.of(root.resolve("empty")))).hasMessageContaining("holds no run");
  }

  @Test
  void thePluginOfTwoRunsGetsTwoColumns() throws Exception {
    Path first = run("one", "a", scenario("FIFO-01", Mechanism.FIFO, Verdict.PASS));
    Path second = run("two", "a", scenario("FIFO-01", Mechanism.FIFO, Verdict.FAIL));
    Matrix matrix = Matrix.of(MatrixFiles.runsIn(List.of(first, second)));
    assertThat(matrix.plugins()).extracting(Matrix.Column::key).containsExactly("a", "a#2");
  }
}
