package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.engine.VerificationResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each mutant breaks one documented behaviour of the reference: it must FAIL exactly the
 * scenarios that state that behaviour, and PASS every other one. A scenario that passes against
 * the reference is thereby shown to test something.
 */
class MutantSensitivityTest extends LeavesNothingBehind {
  @TempDir Path out;

  @ParameterizedTest(name = "{0} fails exactly {1}")
  @CsvSource(delimiter = '|', value = {
      // stat says a FIFO holds data: every scenario that states size 0 (SEED-FIFO-4)
      "fifo-size-nonzero | FIFO-01 FIFO-02 FIFO-03 FIFO-14",
      // bytes out of order: every scenario that reads back more than one byte it wrote
      "swap-halves       | FIFO-03 FIFO-04 FIFO-05 FIFO-10 FIFO-13 FIFO-16",
      // writes not atomic: the PIPE_BUF scenario, and only it
      "split-writes      | FIFO-12"
  })
  void aMutantFailsTheScenariosOfTheBehaviourItBreaks(String mutant, String expectedFailures) throws Exception {
    VerificationResult result = verify(Bundled.plugin("fixtures/mutants/" + mutant), out);

    Map<Verdict, Set<String>> verdicts = Bundled.byVerdict(result);
    assertThat(verdicts).as("verdicts of " + mutant).containsOnlyKeys(Verdict.PASS, Verdict.FAIL);
    assertThat(verdicts.get(Verdict.FAIL)).containsExactlyInAnyOrder(expectedFailures.trim().split(" "));
    assertThat(result.certified()).isFalse();
  }
}
