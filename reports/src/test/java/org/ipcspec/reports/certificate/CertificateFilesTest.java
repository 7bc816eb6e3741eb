package org.ipcspec.reports.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ipcspec.reports.Mechanism;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.SummaryJson;
import org.ipcspec.reports.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A certificate counts what the summary holds, names its reasons, and can be checked against the summary. */
class CertificateFilesTest {
  @TempDir Path folder;

  private static ScenarioResult scenario(String id, Mechanism mechanism, String level, Verdict verdict, String message) {
    return new ScenarioResult(id, mechanism, level, "title of " + id, List.of("fifo(7)"), List.of(id, level), verdict, 5, message);
  }

  private Certificate certify(List<ScenarioResult> scenarios, Map<String, String> deviations) throws Exception {
    RunSummary summary = RunSummary.of(new RunSummary.PluginInfo("demo", "Demo <IPC>", "1.0", "a demo", deviations),
        RunSummary.Environment.current("process"), Instant.parse("2026-11-27T10:00:00Z"), 1000, scenarios);
    SummaryJson.write(summary, folder.resolve("summary.json"));
    return CertificateFiles.write(folder);
  }

  @Test
  void countsMustAndShouldPassedOutOfApplicablePerMechanism() throws Exception {
    Certificate certificate = certify(List.of(
        scenario("FIFO-01", Mechanism.FIFO, "must", Verdict.PASS, ""),
        scenario("FIFO-02", Mechanism.FIFO, "must", Verdict.EXPECTED_FAIL, "declared"),
        scenario("FIFO-03", Mechanism.FIFO, "should", Verdict.FAIL, "read b"),
        scenario("FIFO-04", Mechanism.FIFO, "must", Verdict.NOT_APPLICABLE, "not claimed"),
        scenario("SIG-01", Mechanism.SIGNAL, "must", Verdict.UNEXPECTED_PASS, "")),
        Map.of("FIFO-02", "we differ on purpose", "SIG-01", "stale reason"));

    assertThat(certificate.certified()).isTrue();
    Certificate.MechanismResult fifo = certificate.mechanisms().get(0);
    assertThat(fifo.mechanism()).isEqualTo(Mechanism.FIFO);
    assertThat(fifo.must()).isEqualTo(new Certificate.Count(1, 2, 1));
    assertThat(fifo.should()).isEqualTo(new Certificate.Count(0, 1, 0));
    assertThat(certificate.mechanisms().get(1).must()).isEqualTo(new Certificate.Count(1, 1, 0));
    assertThat(certificate.deviations()).containsExactly(
        new Certificate.Deviation("FIFO-02", "title of FIFO-02", "we differ on purpose", Verdict.EXPECTED_FAIL),
        new Certificate.Deviation("SIG-01", "title of SIG-01", "stale reason", Verdict.UNEXPECTED_PASS));
  }

  @Test
  void aFailedMustOrAnErrorDeniesItAndIsNamed() throws Exception {
    Certificate certificate = certify(List.of(
        scenario("FIFO-01", Mechanism.FIFO, "must", Verdict.FAIL, "read \"b\", expected \"a\""),
        scenario("FIFO-02", Mechanism.FIFO, "may", Verdict.ERROR, "agent crashed")), Map.of());

    assertThat(certificate.certified()).isFalse();
    assertThat(certificate.why()).isEqualTo("1 @must scenario(s) failed and 1 scenario(s) ended in ERROR (no verdict on the behaviour).");
    assertThat(certificate.blocking()).extracting(ScenarioResult::id).containsExactly("FIFO-01", "FIFO-02");
    String page = Files.readString(folder.resolve(CertificateFiles.HTML));
    assertThat(page).contains("NOT CERTIFIED", "read &quot;b&quot;, expected &quot;a&quot;", "Demo &lt;IPC&gt;");
    assertThat(Files.readString(folder.resolve(CertificateFiles.BADGE))).contains("not certified 0/1 must", "#c62828");
  }

  @Test
  void theCertificateNamesTheHashOfTheSummaryItWasMadeFrom() throws Exception {
    Certificate certificate = certify(List.of(scenario("FIFO-01", Mechanism.FIFO, "must", Verdict.PASS, "")), Map.of());

    String hash = CertificateFiles.sha256(Files.readAllBytes(folder.resolve("summary.json")));
    assertThat(certificate.summarySha256()).hasSize(64).isEqualTo(hash);
    assertThat(Files.readString(folder.resolve(CertificateFiles.HTML))).contains(hash, "CERTIFIED");
    assertThat(SummaryJson.readValue(folder.resolve(CertificateFiles.JSON), Certificate.class)).isEqualTo(certificate);
    Files.writeString(folder.resolve("summary.json"), "edited", java.nio.file.StandardOpenOption.APPEND);
    assertThat(CertificateFiles.sha256(Files.readAllBytes(folder.resolve("summary.json")))).isNotEqualTo(certificate.summarySha256());
  }

  @Test
  void anInterruptedRunCertifiesNothing() throws Exception {
    RunSummary summary = RunSummary.of(new RunSummary.PluginInfo("demo", "Demo", "1.0"), RunSummary.Environment.current("process"),
        Instant.parse("2026-11-27T10:00:00Z"), 10, List.of(scenario("FIFO-01", Mechanism.FIFO, "must", Verdict.PASS, ""))).asInterrupted();
    SummaryJson.write(summary, folder.resolve("summary.json"));

    Certificate certificate = CertificateFiles.write(folder);

    assertThat(certificate.certified()).isFalse();
    assertThat(certificate.why()).contains("interrupted");
  }
}
