package org.ipcspec.reports.certificate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ipcspec.reports.Mechanism;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.Verdict;

/**
 * What one run says of one plugin, for the people who rely on it: certified or not and why, per
 * mechanism how many {@code @must} and {@code @should} scenarios passed of those that apply, the
 * deviations it declares with their reasons, where it ran, and the SHA-256 of the
 * {@code summary.json} it was made from, so that anyone can check it against the raw results.
 *
 * @param schema always {@link #SCHEMA}
 * @param certified whether the plugin is certified by this run
 * @param why one sentence: what certifies it, or what keeps it from being certified
 * @param plugin the plugin, as the run saw its descriptor
 * @param suiteVersion the ipcspec version that ran
 * @param environment where it ran
 * @param startedAt when
 * @param mechanisms per IPC method that has scenarios in the run
 * @param deviations the deviations the plugin declares, with this run's verdict on each
 * @param blocking the scenarios that keep it from being certified
 * @param totals scenarios per verdict
 * @param summarySha256 the SHA-256 of {@code summary.json}, in hexadecimal
 */
@JsonPropertyOrder({"schema", "certified", "why", "plugin", "suiteVersion", "environment", "startedAt", "mechanisms",
    "deviations", "blocking", "totals", "summarySha256"})
public record Certificate(
    String schema,
    boolean certified,
    String why,
    RunSummary.PluginInfo plugin,
    String suiteVersion,
    RunSummary.Environment environment,
    Instant startedAt,
    List<MechanismResult> mechanisms,
    List<Deviation> deviations,
    List<ScenarioResult> blocking,
    Map<Verdict, Integer> totals,
    String summarySha256) {

  public static final String SCHEMA = "ipcspec-certificate/1";

  /**
   * Scenarios passed out of those that apply (those not NOT_APPLICABLE); an unexpected pass is a
   * pass. {@code declared} counts the applicable ones that failed as the plugin declared (EXPECTED_FAIL).
   */
  public record Count(int passed, int applicable, int declared) {
    static Count of(List<ScenarioResult> scenarios) {
      List<ScenarioResult> applicable = scenarios.stream().filter(s -> s.verdict().applicable()).toList();
      int passed = (int) applicable.stream().filter(s -> s.verdict().passed()).count();
      int declared = (int) applicable.stream().filter(s -> s.verdict() == Verdict.EXPECTED_FAIL).count();
      return new Count(passed, applicable.size(), declared);
    }

    public boolean complete() {
      return passed == applicable;
    }

    /** Every applicable scenario passed or failed as declared. */
    public boolean asDeclared() {
      return passed + declared == applicable;
    }
  }

  /** One IPC method's results, by requirement level. */
  public record MechanismResult(Mechanism mechanism, Count must, Count should, Count may, Map<Verdict, Integer> totals) {}

  /**
   * A deviation the plugin declares.
   *
   * @param scenario its scenario's ID
   * @param title the scenario's name, when the run had it
   * @param reason the plugin's reason
   * @param verdict this run's verdict on it: EXPECTED_FAIL, or UNEXPECTED_PASS when the deviation is stale; null when the scenario did not run
   */
  public record Deviation(String scenario, String title, String reason, Verdict verdict) {}

  /** The certificate of {@code summary}, whose {@code summary.json} has the SHA-256 {@code summarySha256}. */
  public static Certificate of(RunSummary summary, String summarySha256) {
    Map<String, ScenarioResult> byId = summary.scenarios().stream()
        .collect(Collectors.toMap(ScenarioResult::id, Function.identity(), (a, b) -> a));
    List<Deviation> deviations = new ArrayList<>();
    summary.plugin().deviations().forEach((id, reason) -> {
      Optional<ScenarioResult> result = Optional.ofNullable(byId.get(id));
      deviations.add(new Deviation(id, result.map(ScenarioResult::title).orElse(""), reason,
          result.map(ScenarioResult::verdict).orElse(null)));
    });
    return new Certificate(SCHEMA, summary.certified(), why(summary), summary.plugin(), summary.suiteVersion(),
        summary.environment(), summary.startedAt(), mechanisms(summary.scenarios()), List.copyOf(deviations),
        summary.blocking(), summary.totals(), summarySha256);
  }

  private static List<MechanismResult> mechanisms(List<ScenarioResult> scenarios) {
    Map<Mechanism, List<ScenarioResult>> byMechanism = scenarios.stream()
        .collect(Collectors.groupingBy(ScenarioResult::mechanism, () -> new EnumMap<>(Mechanism.class), Collectors.toList()));
    List<MechanismResult> results = new ArrayList<>();
    byMechanism.forEach((mechanism, list) -> {
      Map<Verdict, Integer> totals = new EnumMap<>(Verdict.class);
      for (Verdict verdict : Verdict.values()) {
        totals.put(verdict, 0);
      }
      list.forEach(s -> totals.merge(s.verdict(), 1, Integer::sum));
      results.add(new MechanismResult(mechanism, Count.of(level(list, "must")), Count.of(level(list, "should")),
          Count.of(level(list, "may")), totals));
    });
    return List.copyOf(results);
  }

  private static List<ScenarioResult> level(List<ScenarioResult> scenarios, String level) {
    return scenarios.stream().filter(s -> level.equals(s.level())).toList();
  }

  private static String why(RunSummary summary) {
    if (summary.interrupted()) {
      return "The run was interrupted before its end: a partial run certifies nothing.";
    }
    if (summary.scenarios().isEmpty()) {
      return "No scenario ran.";
    }
    if (summary.scenarios().stream().allMatch(s -> s.verdict() == Verdict.NOT_APPLICABLE)) {
      return "No scenario applied: the plugin claims none of those selected, or cannot run on this machine (see each verdict's reason).";
    }
    List<ScenarioResult> blocking = summary.blocking();
    if (blocking.isEmpty()) {
      return "Every applicable @must scenario passed or is a declared deviation, and no scenario ended in ERROR.";
    }
    long errors = blocking.stream().filter(s -> s.verdict() == Verdict.ERROR).count();
    long failures = blocking.size() - errors;
    return (failures > 0 ? failures + " @must scenario(s) failed" : "")
        + (failures > 0 && errors > 0 ? " and " : "")
        + (errors > 0 ? errors + " scenario(s) ended in ERROR (no verdict on the behaviour)" : "") + ".";
  }
}
