package org.ipcspec.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ResultFilesTest {
  @TempDir Path dir;

  private static ScenarioResult scenario(String id, Verdict verdict, String message) {
    return new ScenarioResult(id, Mechanism.FIFO, "must", "title of " + id, List.of("SEED-FIFO-1", "fifo(7)"),
        List.of(id, "must"), verdict, 12, message);
  }

  private final RunSummary summary = RunSummary.of(
      new RunSummary.PluginInfo("demo", "Demo", "1.0"),
      RunSummary.Environment.current("process"),
      Instant.parse("2026-11-26T10:00:00Z"),
      1234,
      List.of(
          scenario("FIFO-01", Verdict.PASS, ""),
          scenario("FIFO-02", Verdict.FAIL, "read \"b\", expected \"a\" <&>"),
          scenario("FIFO-03", Verdict.ERROR, "agent crashed"),
          scenario("FIFO-04", Verdict.NOT_APPLICABLE, "needs fifo.create"),
          scenario("FIFO-05", Verdict.EXPECTED_FAIL, "declared deviation")));

  @Test
  void totalsCountEveryVerdictIncludingZeros() {
    assertThat(summary.totals()).containsEntry(Verdict.PASS, 1).containsEntry(Verdict.UNEXPECTED_PASS, 0);
    assertThat(summary.totals().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(5);
  }

  @Test
  void summaryJsonRoundTripsWithItsSchema() throws Exception {
    Path file = dir.resolve("summary.json");
    SummaryJson.write(summary, file);
    assertThat(SummaryJson.read(file)).isEqualTo(summary);
    assertThat(java.nio.file.Files.readString(file))
        .contains("\"schema\" : \"ipcspec-summary/1\"")
        .contains("\"mechanism\" : \"fifo\"");
  }

  @Test
  void junitXmlHasOneCasePerScenarioWithVerdictsAsJUnitKnowsThem() throws Exception {
    Path file = dir.resolve("junit.xml");
    JUnitXml.write(summary, file);
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    Element suite = xml.getDocumentElement();
    assertThat(suite.getAttribute("tests")).isEqualTo("5");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("errors")).isEqualTo("1");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    NodeList cases = xml.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(5);
    Element failed = (Element) cases.item(1);
    assertThat(failed.getElementsByTagName("failure").item(0).getTextContent()).isEqualTo("read \"b\", expected \"a\" <&>");
    assertThat(((Element) cases.item(4)).getElementsByTagName("failure").getLength()).isZero();
  }
}
