package org.ipcspec.reports;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything {@code summary.json} holds about one run of one plugin.
 *
 * @param schema always {@link #SCHEMA}
 * @param suiteVersion the version of ipcspec that ran (features, harness and verdict rules)
 * @param plugin the plugin certified
 * @param environment where it ran
 * @param startedAt when the run started
 * @param durationMs how long it took
 * @param scenarios one result per scenario, in the order they ran
 * @param totals the number of scenarios per verdict
 * @param interrupted whether the run was stopped before its end (Ctrl-C): the scenarios are those that finished
 */
@JsonPropertyOrder({"schema", "suiteVersion", "plugin", "environment", "startedAt", "durationMs", "interrupted", "totals", "scenarios"})
public record RunSummary(
    String schema,
    String suiteVersion,
    PluginInfo plugin,
    Environment environment,
    Instant startedAt,
    long durationMs,
    List<ScenarioResult> scenarios,
    Map<Verdict, Integer> totals,
    boolean interrupted) {

  public static final String SCHEMA = "ipcspec-summary/1";

  public static RunSummary of(
      PluginInfo plugin, Environment environment, Instant startedAt, long durationMs, List<ScenarioResult> scenarios) {
    Map<Verdict, Integer> totals = new EnumMap<>(Verdict.class);
    for (Verdict verdict : Verdict.values()) {
      totals.put(verdict, 0);
    }
    scenarios.forEach(s -> totals.merge(s.verdict(), 1, Integer::sum));
    return new RunSummary(SCHEMA, SuiteVersion.current(), plugin, environment, startedAt, durationMs, List.copyOf(scenarios), totals, false);
  }

  /** The scenarios that keep this plugin from being certified. */
  public List<ScenarioResult> blocking() {
    return scenarios.stream().filter(s -> s.verdict().blocksCertification(s.level())).toList();
  }

  /**
   * Certified: the run went to its end, at least one scenario applied (a run in which nothing
   * could run, on a machine without what the plugin needs, certifies nothing), every applicable
   * {@code @must} scenario passed or is a declared deviation, and nothing ended in ERROR.
   */
  public boolean certified() {
    return !interrupted && scenarios.stream().anyMatch(s -> s.verdict() != Verdict.NOT_APPLICABLE) && blocking().isEmpty();
  }

  /** The same results, from a run that was stopped before its end. */
  public RunSummary asInterrupted() {
    return new RunSummary(schema, suiteVersion, plugin, environment, startedAt, durationMs, scenarios, totals, true);
  }

  /**
   * The plugin a run certified.
   *
   * @param id its descriptor id
   * @param name its name
   * @param version its version
   * @param description what it is, from its descriptor
   * @param deviations the scenarios it declares it fails, by ID, with the reason it gives
   */
  public record PluginInfo(String id, String name, String version, String description, Map<String, String> deviations) {
    public PluginInfo {
      description = description == null ? "" : description;
      deviations = deviations == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(deviations));
    }

    /** A plugin that says nothing more of itself and declares no deviation. */
    public PluginInfo(String id, String name, String version) {
      this(id, name, version, "", Map.of());
    }
  }

  /**
   * Where a run happened.
   *
   * @param os the operating system's name
   * @param kernel its kernel release
   * @param arch the processor architecture
   * @param java the Java runtime's version
   * @param isolation how participants were isolated ({@code process} or {@code container})
   * @param libc the C library the machine's programs use, as {@code getconf GNU_LIBC_VERSION} names it
   */
  public record Environment(String os, String kernel, String arch, String java, String isolation, String libc) {

    /** This machine, as the JVM sees it. */
    public static Environment current(String isolation) {
      return new Environment(
          System.getProperty("os.name"),
          System.getProperty("os.version"),
          System.getProperty("os.arch"),
          System.getProperty("java.runtime.version", System.getProperty("java.version")),
          isolation,
          Libc.version());
    }
  }
}
