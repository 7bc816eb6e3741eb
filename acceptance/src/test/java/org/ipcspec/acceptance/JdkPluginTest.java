package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.engine.VerificationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK plugin gets honest verdicts: what the JDK cannot do (create a FIFO, open one without
 * blocking) is NOT_APPLICABLE, never a pass, and everything else is checked for real.
 */
class JdkPluginTest extends LeavesNothingBehind {
  @TempDir Path out;

  @Test
  void jdkIsNotApplicableExactlyWhereItClaimsNothingAndPassesElsewhere() throws Exception {
    VerificationResult result = verify(Bundled.plugin("plugins/jdk"), out);

    assertThat(Bundled.byVerdict(result)).as("verdicts").doesNotContainKeys(Verdict.ERROR, Verdict.FAIL);
    for (ScenarioResult scenario : result.summary().scenarios()) {
      boolean unclaimed = scenario.tags().contains("requires:fifo.create") || scenario.tags().contains("requires:fifo.nonblocking");
      assertThat(scenario.verdict()).as(scenario.id()).isEqualTo(unclaimed ? Verdict.NOT_APPLICABLE : Verdict.PASS);
    }
    assertThat(result.summary().totals().get(Verdict.PASS)).isGreaterThanOrEqualTo(8);
  }
}
