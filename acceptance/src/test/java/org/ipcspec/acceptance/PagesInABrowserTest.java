package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.SummaryJson;
import org.ipcspec.reports.Verdict;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages ipcspec makes, opened in a real browser (headless Chromium, no network) and read as a
 * person reads them: plugin names, verdict counts that match summary.json, the sequence diagram of
 * a failing scenario. A screenshot of each page is saved next to it. The run certifies the
 * reference and a mutant that fails, on the FIFO feature, with the Allure report.
 */
class PagesInABrowserTest {
  @TempDir static Path tmp;
  private static Path out;
  private static HeadlessChromium browser;

  @BeforeAll
  static void runWithReports() throws Exception {
    String unavailable = HeadlessChromium.unavailable();
    if (unavailable != null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true, and the browser test cannot run: " + unavailable);
    }
    Assumptions.assumeTrue(unavailable == null, unavailable);
    browser = new HeadlessChromium(Files.createDirectories(tmp.resolve("profile")));
    out = tmp.resolve("out");
    Path home = Bundled.home();
    Process run = new ProcessBuilder(home.resolve("ipcspec").toString(), "verify",
        "--plugin", "posix", "--plugin", "mutant-swap-halves", "--plugin-dir", home.resolve("fixtures/mutants/swap-halves").toString(),
        "--tags", "@fifo and not @isolation", "--report", "--out", out.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("verify.log").toFile()).start();
    if (!run.waitFor(5, TimeUnit.MINUTES)) {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
      throw new AssertionError("ipcspec verify did not finish within 5 minutes");
    }
    assertThat(run.exitValue()).as(Files.readString(tmp.resolve("verify.log"))).isEqualTo(1); // the mutant is not certified
  }

  private static RunSummary summary(String plugin) throws Exception {
    return SummaryJson.read(out.resolve(plugin).resolve("summary.json"));
  }

  private static String open(Path page, Path screenshot) throws Exception {
    browser.screenshot(page.toUri().toString(), screenshot, 1280, 1600);
    return browser.dom(page.toUri().toString());
  }

  @Test
  void theCertificateShowsThePluginItsVerdictAndTheCountsOfSummaryJson() throws Exception {
    for (String plugin : List.of("posix", "mutant-swap-halves")) {
      RunSummary summary = summary(plugin);
      String page = open(out.resolve(plugin).resolve("certificate.html"), out.resolve(plugin).resolve("certificate.png"));

      assertThat(page).contains(escaped(summary.plugin().name()));
      assertThat(text(page, "<span id=\"verdict\"[^>]*>([^<]+)</span>")).isEqualTo(summary.certified() ? "CERTIFIED" : "NOT CERTIFIED");
      for (Map.Entry<Verdict, Integer> total : summary.totals().entrySet()) {
        assertThat(text(page, "data-verdict=\"" + total.getKey() + "\">[^<]*<b>(\\d+)</b>")).as(plugin + " " + total.getKey())
            .isEqualTo(total.getValue().toString());
      }
      assertThat(out.resolve(plugin).resolve("certificate.png")).isNotEmptyFile();
    }
  }

  @Test
  void theMatrixShowsEveryPluginAndEveryScenarioWithTheVerdictsOfSummaryJson() throws Exception {
    String page = open(out.resolve("matrix.html"), out.resolve("matrix.png"));

    RunSummary posix = summary("posix");
    RunSummary mutant = summary("mutant-swap-halves");
    assertThat(page).contains(escaped(posix.plugin().name()), escaped(mutant.plugin().name()));
    assertThat(count(page, "<tr class=\"[a-z]+\" data-scenario=")).isEqualTo(posix.scenarios().size());
    // Cells come in column order: every other FAIL cell belongs to the mutant, whose column is second.
    List<String> verdicts = all(page, "data-verdict=\"([A-Z_]*)\"");
    List<String> mutantColumn = new ArrayList<>();
    for (int i = 1; i < verdicts.size(); i += 2) {
      mutantColumn.add(verdicts.get(i));
    }
    assertThat(mutantColumn.stream().filter("FAIL"::equals).count()).isEqualTo(mutant.totals().get(Verdict.FAIL).longValue());
    assertThat(out.resolve("matrix.png")).isNotEmptyFile();
  }

  @Test
  void theAllureReportShowsBothPluginsAndTheDiagramOfAFailingScenario() throws Exception {
    Path index = out.resolve("allure-report/index.html");
    String overview = open(index, out.resolve("allure-report/overview.png"));

    RunSummary posix = summary("posix");
    RunSummary mutant = summary("mutant-swap-halves");
    assertThat(overview).contains(escaped(posix.plugin().name()) + " (posix)", "mutant-swap-halves");
    assertThat(text(overview, "<div class=\"splash__title\">(\\d+)</div>"))
        .isEqualTo(Integer.toString(posix.scenarios().size() + mutant.scenarios().size()));

    String failing = mutant.scenarios().stream().filter(s -> s.verdict() == Verdict.FAIL).findFirst().orElseThrow().id();
    String uid = testCaseOf(Files.readString(index), failing + " ");
    String url = index.toUri() + "#testresult/" + uid;
    browser.screenshot(url, out.resolve("allure-report/" + failing + ".png"), 1400, 1400);
    String test = browser.dom(url);
    assertThat(test).contains(failing, "[FAIL]", "sequence diagram");
    assertThat(out.resolve("mutant-swap-halves/diagrams/" + failing + ".svg")).content().contains("FAILED: ");
  }

  /** The uid Allure gave the failed test of {@code namePrefix}: its data is embedded in the single-file report. */
  private static String testCaseOf(String report, String namePrefix) throws Exception {
    Matcher data = Pattern.compile("d\\('data/test-cases/([a-z0-9]+)\\.json','([^']*)'\\)").matcher(report);
    ObjectMapper json = new ObjectMapper();
    while (data.find()) {
      JsonNode test = json.readTree(Base64.getDecoder().decode(data.group(2)));
      if (test.path("name").asText().startsWith(namePrefix) && test.path("status").asText().equals("failed")) {
        return data.group(1);
      }
    }
    throw new AssertionError("no failed test " + namePrefix + " in the report");
  }

  private static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String text(String page, String regex) {
    Matcher m = Pattern.compile(regex).matcher(page);
    assertThat(m.find()).as("the page has " + regex).isTrue();
    return m.group(1).strip();
  }

  private static List<String> all(String page, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(page);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static int count(String page, String regex) {
    return all(page, "(" + regex + ")").size();
  }
}
