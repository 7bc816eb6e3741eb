package org.ipcspec.reports;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a self-test found: which mutants each scenario kills (the mutant FAILs a scenario the
 * reference passes), the scenarios no mutant fails, and the mutants no scenario catches. Written
 * as {@code mutation.json}.
 *
 * @param schema always {@link #SCHEMA}
 * @param reference the plugin the mutants break
 * @param mutants one entry per mutant, in the order they ran
 * @param scenarios one entry per scenario the reference passes, in its order
 * @param survivors the mutants no scenario killed
 * @param mustGaps the @must scenarios no mutant failed: nothing yet shows they can fail
 * @param notPassedByReference scenarios the reference does not pass, which no mutant can be measured on
 */
@JsonPropertyOrder({"schema", "reference", "survivors", "mustGaps", "notPassedByReference", "mutants", "scenarios"})
public record MutationReport(
    String schema,
    String reference,
    List<Mutant> mutants,
    List<Scenario> scenarios,
    List<String> survivors,
    List<String> mustGaps,
    List<String> notPassedByReference) {

  public static final String SCHEMA = "ipcspec-mutation/1";

  /**
   * One mutant's results.
   *
   * @param id its plugin id
   * @param description what it breaks
   * @param killed the scenarios it FAILs that the reference passes
   * @param errors the scenarios that ended in ERROR against it: a harness problem, not a kill
   */
  public record Mutant(String id, String description, List<String> killed, List<String> errors) {}

  /**
   * One scenario's results.
   *
   * @param killedBy the mutants that FAIL it
   */
  public record Scenario(String id, Mechanism mechanism, String level, String title, List<String> killedBy) {}

  /** Compares each mutant's run with the reference's, scenario by scenario. */
  public static MutationReport of(RunSummary reference, Map<String, String> descriptions, List<RunSummary> mutantRuns) {
    Map<String, ScenarioResult> passed = new LinkedHashMap<>();
    List<String> notPassed = new ArrayList<>();
    for (ScenarioResult result : reference.scenarios()) {
      if (result.verdict() == Verdict.PASS) {
        passed.put(result.id(), result);
      } else {
        notPassed.add(result.id());
      }
    }
    Map<String, List<String>> killedBy = new LinkedHashMap<>();
    passed.keySet().forEach(id -> killedBy.put(id, new ArrayList<>()));
    List<Mutant> mutants = new ArrayList<>();
    for (RunSummary run : mutantRuns) {
      String mutant = run.plugin().id();
      List<String> killed = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (ScenarioResult result : run.scenarios()) {
        if (result.verdict() == Verdict.FAIL && passed.containsKey(result.id())) {
          killed.add(result.id());
          killedBy.get(result.id()).add(mutant);
        } else if (result.verdict() == Verdict.ERROR) {
          errors.add(result.id());
        }
      }
      mutants.add(new Mutant(mutant, descriptions.getOrDefault(mutant, ""), sorted(killed), sorted(errors)));
    }
    List<Scenario> scenarios = passed.values().stream()
        .map(r -> new Scenario(r.id(), r.mechanism(), r.level(), r.title(), List.copyOf(killedBy.get(r.id()))))
        .toList();
    List<String> survivors = mutants.stream().filter(m -> m.killed().isEmpty()).map(Mutant::id).toList();
    List<String> mustGaps = scenarios.stream().filter(s -> "must".equals(s.level()) && s.killedBy().isEmpty()).map(Scenario::id).toList();
    return new MutationReport(SCHEMA, reference.plugin().id(), mutants, scenarios, survivors, mustGaps, sorted(notPassed));
  }

  /** Every mutant killed, and every @must scenario shown to fail. */
  public boolean complete() {
    return survivors.isEmpty() && mustGaps.isEmpty();
  }

  private static List<String> sorted(List<String> ids) {
    return List.copyOf(new TreeSet<>(ids));
  }
}
