package org.ipcspec.reports.certificate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.SummaryJson;
import org.ipcspec.reports.Verdict;
import org.ipcspec.reports.pages.Templates;

/**
 * Writes a run's certificate next to its {@code summary.json}: {@code certificate.json},
 * {@code certificate.html} and {@code badge.svg}.
 */
public final class CertificateFiles {
  public static final String JSON = "certificate.json";
  public static final String HTML = "certificate.html";
  public static final String BADGE = "badge.svg";

  private CertificateFiles() {}

  /** Reads {@code summary.json} in {@code folder} and writes the certificate beside it. */
  public static Certificate write(Path folder) throws IOException {
    Path summaryFile = folder.resolve("summary.json");
    byte[] bytes = Files.readAllBytes(summaryFile);
    RunSummary summary = SummaryJson.read(summaryFile);
    Certificate certificate = Certificate.of(summary, sha256(bytes));
    SummaryJson.writeValue(certificate, folder.resolve(JSON));
    Templates.write("certificate.html", page(certificate), folder.resolve(HTML));
    Templates.write("badge.svg", Badge.of(certificate), folder.resolve(BADGE));
    return certificate;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** What the page shows, ready to print: the template only places it. */
  private static Map<String, Object> page(Certificate c) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("c", c);
    page.put("verdict", c.certified() ? "CERTIFIED" : "NOT CERTIFIED");
    page.put("verdictClass", c.certified() ? "certified" : "refused");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Certificate.MechanismResult m : c.mechanisms()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("mechanism", m.mechanism().id());
      row.put("must", cell(m.must()));
      row.put("should", cell(m.should()));
      row.put("may", cell(m.may()));
      row.put("notApplicable", m.totals().get(Verdict.NOT_APPLICABLE));
      rows.add(row);
    }
    page.put("rows", rows);
    List<Map<String, Object>> totals = new ArrayList<>();
    c.totals().forEach((verdict, count) -> totals.add(Map.of("verdict", verdict.name(), "count", count,
        "css", count == 0 ? "zero" : Templates.cssClass(verdict))));
    page.put("totals", totals);
    RunSummary.Environment e = c.environment();
    page.put("environment", List.of(
        Map.of("name", "Operating system", "value", e.os() + " " + e.kernel() + " (" + e.arch() + ")"),
        Map.of("name", "C library", "value", String.valueOf(e.libc())),
        Map.of("name", "Java", "value", e.java()),
        Map.of("name", "Isolation", "value", e.isolation()),
        Map.of("name", "ipcspec", "value", String.valueOf(c.suiteVersion())),
        Map.of("name", "Started", "value", String.valueOf(c.startedAt()))));
    page.put("hasDeviations", !c.deviations().isEmpty());
    page.put("hasBlocking", !c.blocking().isEmpty());
    return page;
  }

  private static Map<String, Object> cell(Certificate.Count count) {
    if (count.applicable() == 0) {
      return Map.of("text", "–", "css", "none");
    }
    String text = count.passed() + " / " + count.applicable()
        + (count.declared() == 0 ? "" : " (" + count.declared() + " declared deviation" + (count.declared() == 1 ? ")" : "s)"));
    return Map.of("text", text, "css", count.complete() ? "complete" : count.asDeclared() ? "declared" : "short");
  }
}
