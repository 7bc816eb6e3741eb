package org.ipcspec.reports;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same plugin run several times: each scenario's verdict counts, and the scenarios whose
 * verdict changed from one run to another (flaky: the verdict depends on more than the code).
 * Written as {@code repeat.json}.
 *
 * @param schema always {@link #SCHEMA}
 * @param plugin the plugin run
 * @param runs how many times
 * @param scenarios every scenario with its verdict counts, in the order of the first run
 * @param flaky the IDs of the scenarios with more than one verdict, or missing from a run
 */
@JsonPropertyOrder({"schema", "plugin", "runs", "flaky", "scenarios"})
public record RepeatReport(String schema, String plugin, int runs, List<Scenario> scenarios, List<String> flaky) {

  public static final String SCHEMA = "ipcspec-repeat/1";

  /**
   * One scenario over all runs: how many times it got each verdict it got.
   *
   * @param runs how many runs there were, so that a scenario missing from one shows
   */
  public record Scenario(String id, String level, String title, Map<Verdict, Integer> verdicts, int runs) {
    /** More than one verdict, or no verdict at all in some run. */
    public boolean flaky() {
      return verdicts.size() > 1 || verdicts.values().stream().mapToInt(Integer::intValue).sum() != runs;
    }
  }

  public static RepeatReport of(List<RunSummary> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no run to compare");
    }
    Map<String, ScenarioResult> first = new LinkedHashMap<>();
    Map<String, Map<Verdict, Integer>> counts = new LinkedHashMap<>();
    for (RunSummary run : runs) {
      for (ScenarioResult result : run.scenarios()) {
        first.putIfAbsent(result.id(), result);
        counts.computeIfAbsent(result.id(), id -> new EnumMap<>(Verdict.class)).merge(result.verdict(), 1, Integer::sum);
      }
    }
    List<Scenario> scenarios = first.values().stream()
        .map(r -> new Scenario(r.id(), r.level(), r.title(), Map.copyOf(counts.get(r.id())), runs.size()))
        .toList();
    List<String> flaky = scenarios.stream().filter(Scenario::flaky).map(Scenario::id).toList();
    return new RepeatReport(SCHEMA, runs.get(0).plugin().id(), runs.size(), scenarios, flaky);
  }
}
