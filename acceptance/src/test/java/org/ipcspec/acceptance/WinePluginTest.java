package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.engine.VerificationResult;
import org.ipcspec.suite.plugin.DescriptorReader;
import org.ipcspec.suite.plugin.PluginDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Wine plugin: Windows programs under Wine, DDE through Wine's own DDEML. Its verdicts are
 * honest (PASS where it claims and declares nothing, EXPECTED_FAIL where it declares what Wine
 * does wrong), and the evidence of each deviation is in the report. Where the plugin cannot run,
 * its scenarios are NOT_APPLICABLE with the reason, and nothing is started.
 */
class WinePluginTest extends LeavesNothingBehind {
  @TempDir Path out;

  @Test
  void wineIsCertifiedOnDdeAndOleWithHonestVerdictsAndTheEvidenceOfItsDeviations() throws Exception {
    PluginDescriptor wine = WineHere.plugin();

    VerificationResult result = verify(wine, out, "@dde or @ole", 1.0);

    for (ScenarioResult scenario : result.summary().scenarios()) {
      assertThat(scenario.verdict()).as(scenario.id() + ": " + scenario.message()).isEqualTo(Bundled.honestVerdict(wine, scenario));
    }
    assertThat(result.certified()).isTrue();
    assertThat(Bundled.byVerdict(result).get(Verdict.EXPECTED_FAIL)).containsExactlyInAnyOrder("DDE-13", "DDE-15", "DDE-17");
    assertThat(Bundled.byVerdict(result).get(Verdict.PASS)).hasSizeGreaterThanOrEqualTo(19);
    // Linking is not claimed (Wine's OleCreateLinkToFile is a stub: the smoke test pins it).
    assertThat(Bundled.byVerdict(result).get(Verdict.NOT_APPLICABLE)).containsExactlyInAnyOrder("OLE-06", "OLE-07", "OLE-08", "OLE-09");
    // What was observed, beside what was declared: the second completion, and DdeDisconnect's silent FALSE.
    assertThat(Bundled.scenario(result, "DDE-13").message()).contains("was told 2 times that transaction");
    assertThat(Bundled.scenario(result, "DDE-17").message()).contains("DdeGetLastError 0x0000");
    // Wine's own complaint, from the agents' stderr that the report attaches; what POI read of the documents.
    List<String> attachments = attachments();
    assertThat(attachments).anyMatch(text -> text.contains("err:ddeml:WDML_HandleRequestReply Positive answer should appear in NACK"));
    assertThat(attachments).anyMatch(text -> text.contains("POI read the object \\\"Object 1\\\" of report.doc: class {"));
  }

  @Test
  void withoutItsAgentBuiltEveryScenarioItClaimsIsNotApplicableWithTheReason(@TempDir Path plugin) throws Exception {
    // The plugin as it is on a machine without the cross-compiler: the descriptor, no target/.
    Files.copy(Bundled.home().resolve("plugins/wine/ipcspec-plugin.json"), plugin.resolve("ipcspec-plugin.json"));
    PluginDescriptor unbuilt = DescriptorReader.read(plugin);

    VerificationResult result = verify(unbuilt, out, "@dde or @OLE-01 or @FIFO-01", 1.0);

    assertThat(result.certified()).as("a run in which nothing could run certifies nothing").isFalse();
    assertThat(result.summary().scenarios()).hasSize(19).allSatisfy(scenario -> {
      assertThat(scenario.verdict()).as(scenario.id()).isEqualTo(Verdict.NOT_APPLICABLE);
      if (!scenario.id().equals("FIFO-01")) {
        assertThat(scenario.message()).as(scenario.id()).contains("not runnable on this machine")
            .contains("target/ipcspec-wine-agent.exe (no such file in ");
      }
    });
  }

  private List<String> attachments() throws Exception {
    try (Stream<Path> files = Files.list(out.resolve("allure-results"))) {
      List<String> texts = new java.util.ArrayList<>();
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-attachment")).toList()) {
        texts.add(Files.readString(file, StandardCharsets.ISO_8859_1));
      }
      return texts;
    }
  }
}
