package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.engine.VerificationResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Agents that crash, hang, lie or break the protocol: the harness gives a verdict with a message
 * that says what happened, goes on, and kills what it started.
 */
class MisbehavingAgentTest extends LeavesNothingBehind {
  @TempDir Path out;

  @ParameterizedTest(name = "{0}: {1} saying \"{2}\"")
  @CsvSource(delimiter = '|', value = {
      "crashes        | ERROR | exited with status 3",
      "crashes        | ERROR | crashing on process.info",
      "hangs          | ERROR | not even ping",
      "garbage        | ERROR | broke the protocol: not JSON",
      "unsupported    | FAIL  | UNSUPPORTED_OP",
      "never-connects | ERROR | did not connect",
      "exits-at-once  | ERROR | exited before connecting: it exited with status 7",
      "wrong-protocol | ERROR | speaks protocol version 99, this suite speaks version 1",
      "claims-more    | ERROR | claims capabilities [fifo, fs.unlink]",
      "lies-about-pid | ERROR | but the process at the other end of its control connection is pid",
      "forgets-token  | ERROR | connected over TCP with no token in its hello"
  })
  void theHarnessNamesWhatWentWrong(String mode, Verdict verdict, String message) throws Exception {
    VerificationResult result = verify(Bundled.plugin("fixtures/broken/" + mode), out, "@FIFO-05", 0.4);

    ScenarioResult scenario = Bundled.scenario(result, "FIFO-05");
    assertThat(scenario.verdict()).isEqualTo(verdict);
    assertThat(scenario.message()).contains(message);
    assertThat(result.certified()).isFalse();
  }

  @org.junit.jupiter.api.Test
  void anAgentThatServesOneRequestAtATimeIsAnErrorNotABehaviour() throws Exception {
    VerificationResult result = verify(Bundled.plugin("fixtures/broken/one-at-a-time"), out, "@FIFO-06 or @FIFO-14", 0.4);

    ScenarioResult blocked = Bundled.scenario(result, "FIFO-06");
    assertThat(blocked.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(blocked.message()).contains("must serve requests concurrently");
    assertThat(Bundled.scenario(result, "FIFO-14").verdict()).as("no blocking in FIFO-14").isEqualTo(Verdict.PASS);
  }

  @org.junit.jupiter.api.Test
  void anAgentThatStopsReadingItsSocketCannotStallTheRun() throws Exception {
    // FIFO-16 sends a 1 MiB write: far more than a socket buffer holds.
    VerificationResult result = verify(Bundled.plugin("fixtures/broken/stops-reading"), out, "@FIFO-16", 0.4);

    ScenarioResult scenario = Bundled.scenario(result, "FIFO-16");
    assertThat(scenario.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(scenario.message()).contains("stopped reading its control socket");
  }
}
