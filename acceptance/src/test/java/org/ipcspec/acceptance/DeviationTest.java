package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.engine.VerificationResult;
import org.ipcspec.suite.plugin.DescriptorReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A declared deviation turns a failure into EXPECTED_FAIL with its reason, and a pass into UNEXPECTED_PASS. */
class DeviationTest extends LeavesNothingBehind {
  @TempDir Path pluginDir;
  @TempDir Path out;

  private Path withDeviation(String folder, String scenario, String reason) throws Exception {
    String json = Files.readString(Bundled.home().resolve(folder).resolve("ipcspec-plugin.json"))
        .replace("${pluginDir}", Bundled.home().resolve(folder).toString())
        .replace("\"target/", "\"" + Bundled.home().resolve(folder) + "/target/")
        .replaceFirst("\"deviations\": \\[\\]", "\"x-deviations\": []")
        .replaceFirst("\\}\\s*$", ", \"deviations\": [{\"scenario\": \"" + scenario + "\", \"reason\": \"" + reason + "\"}]}\n");
    Files.writeString(pluginDir.resolve("ipcspec-plugin.json"), json);
    return pluginDir;
  }

  @Test
  void aDeclaredDeviationThatFailsIsExpectedFailWithItsReason() throws Exception {
    Path plugin = withDeviation("fixtures/mutants/swap-halves", "FIFO-05", "our writes go out of order on purpose");
    VerificationResult result = verify(DescriptorReader.read(plugin), out, "@FIFO-05 or @FIFO-06", 1.0);

    ScenarioResult deviating = Bundled.scenario(result, "FIFO-05");
    assertThat(deviating.verdict()).isEqualTo(Verdict.EXPECTED_FAIL);
    assertThat(deviating.message()).contains("our writes go out of order on purpose").contains("observed:");
    assertThat(Bundled.scenario(result, "FIFO-06").verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.certified()).isTrue();
  }

  @Test
  void aDeclaredDeviationThatPassesIsUnexpectedPass() throws Exception {
    Path plugin = withDeviation("plugins/posix", "FIFO-05", "we thought this failed");
    VerificationResult result = verify(DescriptorReader.read(plugin), out, "@FIFO-05", 1.0);

    ScenarioResult deviating = Bundled.scenario(result, "FIFO-05");
    assertThat(deviating.verdict()).isEqualTo(Verdict.UNEXPECTED_PASS);
    assertThat(deviating.message()).contains("stale");
  }
}
