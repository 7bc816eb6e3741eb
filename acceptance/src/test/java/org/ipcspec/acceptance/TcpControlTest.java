package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.engine.VerificationResult;
import org.ipcspec.suite.plugin.ControlTransport;
import org.ipcspec.suite.plugin.PluginDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TCP control transport (agent.control "tcp", for platforms without UNIX-domain sockets such as
 * Wine 8): the Python agent over TCP gets the verdicts it gets over a UNIX socket, children it
 * spawns included (each with its own token); an agent that leaves the token out is ERROR
 * (MisbehavingAgentTest).
 */
class TcpControlTest extends LeavesNothingBehind {
  @TempDir Path out;

  @Test
  void theTransportChangesNoVerdict() throws Exception {
    PluginDescriptor overTcp = Bundled.plugin("fixtures/transports/python-over-tcp");
    assertThat(overTcp.control()).isEqualTo(ControlTransport.TCP);

    VerificationResult result = verify(overTcp, out, "(@fifo or @pipe or @socket) and not @isolation", 1.0);

    assertThat(Bundled.byVerdict(result)).as("verdicts").doesNotContainKeys(Verdict.ERROR, Verdict.FAIL, Verdict.UNEXPECTED_PASS);
    for (ScenarioResult scenario : result.summary().scenarios()) {
      assertThat(scenario.verdict()).as(scenario.id() + ": " + scenario.message()).isEqualTo(Bundled.honestVerdict(overTcp, scenario));
    }
    assertThat(result.summary().scenarios()).filteredOn(s -> s.verdict() == Verdict.PASS).hasSizeGreaterThan(50);
  }
}
