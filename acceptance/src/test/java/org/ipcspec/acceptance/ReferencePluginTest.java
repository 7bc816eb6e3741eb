package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.SummaryJson;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.engine.VerificationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The reference plugin passes every scenario of every feature that plain processes can show and
 * that calls for what POSIX offers (not a library's message rings) (the
 * @isolation ones need containers: ContainerIsolationTest), and the run writes all its result files.
 */
class ReferencePluginTest extends LeavesNothingBehind {
  @TempDir Path out;

  @Test
  void posixPassesEveryScenarioAndIsCertified() throws Exception {
    VerificationResult result = verify(Bundled.plugin("plugins/posix"), out, "not @isolation", 1.0);

    RunSummary summary = result.summary();
    assertThat(summary.scenarios()).hasSizeGreaterThanOrEqualTo(12);
    // Every scenario it claims; the message rings and broadcast buffers of a library (Agrona) it does not.
    assertThat(Bundled.byVerdict(result)).as("verdicts").containsOnlyKeys(Verdict.PASS, Verdict.NOT_APPLICABLE);
    assertThat(summary.scenarios()).filteredOn(s -> s.verdict() == Verdict.NOT_APPLICABLE)
        .allSatisfy(s -> assertThat(s.tags()).containsAnyOf("requires:msg.ring", "requires:msg.broadcast"));
    assertThat(result.certified()).isTrue();
    assertThat(summary.scenarios()).allSatisfy(s -> {
      assertThat(s.id()).matches("[A-Z]+-\\d\\d");
      assertThat(s.level()).isIn("must", "should", "may");
      assertThat(s.sources()).isNotEmpty();
    });
    assertThat(summary.scenarios()).extracting(s -> s.id()).doesNotHaveDuplicates();

    RunSummary written = SummaryJson.read(out.resolve("summary.json"));
    assertThat(written.schema()).isEqualTo("ipcspec-summary/1");
    assertThat(written.plugin().id()).isEqualTo("posix");
    assertThat(written.environment().os()).isNotBlank();
    assertThat(written.totals().get(Verdict.PASS)).isEqualTo(summary.scenarios().size() - written.totals().getOrDefault(Verdict.NOT_APPLICABLE, 0));

    Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile());
    assertThat(junit.getElementsByTagName("testcase").getLength()).isEqualTo(summary.scenarios().size());

    try (Stream<Path> allure = Files.list(out.resolve("allure-results"))) {
      assertThat(allure.filter(p -> p.toString().endsWith("-result.json")).count()).isEqualTo(summary.scenarios().size());
    }
  }
}
