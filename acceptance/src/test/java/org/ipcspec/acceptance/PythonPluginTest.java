package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ipcspec.reports.Mechanism;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.engine.VerificationResult;
import org.ipcspec.suite.plugin.PluginDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python agent, written from PROTOCOL.md alone, is certified: it passes what it claims (every
 * FIFO and pipe scenario among them), is NOT_APPLICABLE exactly where it claims nothing, and a
 * second language plugs in with no change to the suite.
 */
class PythonPluginTest extends LeavesNothingBehind {
  @TempDir Path out;

  @Test
  void pythonPassesWhatItClaimsEveryFifoAndPipeScenarioAmongThem() throws Exception {
    PluginDescriptor python = Bundled.plugin("plugins/python");
    VerificationResult result = verify(python, out);

    assertThat(Bundled.byVerdict(result)).as("verdicts").doesNotContainKeys(Verdict.ERROR, Verdict.FAIL, Verdict.UNEXPECTED_PASS);
    assertThat(result.certified()).isTrue();
    for (ScenarioResult scenario : result.summary().scenarios()) {
      assertThat(scenario.verdict()).as(scenario.id() + ": " + scenario.message()).isEqualTo(Bundled.honestVerdict(python, scenario));
      if ((scenario.mechanism() == Mechanism.FIFO || scenario.mechanism() == Mechanism.PIPE) && !scenario.tags().contains("isolation")) {
        assertThat(scenario.verdict()).as(scenario.id() + " is a FIFO or pipe scenario CPython can express").isEqualTo(Verdict.PASS);
      }
    }
  }
}
