package org.ipcspec.reports.matrix;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ipcspec.reports.Mechanism;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.ScenarioOrder;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.Verdict;

/**
 * Several plugins side by side: rows are scenarios grouped by mechanism, columns are plugins,
 * cells are verdicts. Scenarios that one run has and another has not show as not run there.
 *
 * @param schema always {@link #SCHEMA}
 * @param plugins the columns, in the order given
 * @param mechanisms the row groups, in the specification's order
 */
@JsonPropertyOrder({"schema", "plugins", "mechanisms"})
public record Matrix(String schema, List<Column> plugins, List<Group> mechanisms) {
  public static final String SCHEMA = "ipcspec-matrix/1";

  /**
   * One plugin's run.
   *
   * @param key the column's key in the rows: the plugin's id, made unique when a plugin comes twice
   * @param certified whether that run certifies it
   * @param totals its scenarios per verdict
   */
  public record Column(String key, RunSummary.PluginInfo plugin, boolean certified, Map<Verdict, Integer> totals) {}

  /** One mechanism's scenarios, and per column how many of its applicable ones passed. */
  public record Group(Mechanism mechanism, List<Row> scenarios, Map<String, String> passed) {}

  /**
   * One scenario across the plugins.
   *
   * @param cells by column key; a column whose run did not have the scenario is absent
   */
  public record Row(String id, String level, String title, Map<String, Cell> cells) {
    /** Whether every plugin got the same verdict (a scenario some did not run differs). */
    public boolean unanimous(int columns) {
      return cells.size() == columns && cells.values().stream().map(Cell::verdict).distinct().count() <= 1;
    }
  }

  /** A verdict and why (empty for PASS). */
  public record Cell(Verdict verdict, String message) {}

  public static Matrix of(List<RunSummary> runs) {
    List<Column> columns = new ArrayList<>();
    Map<String, RunSummary> byKey = new LinkedHashMap<>();
    for (RunSummary run : runs) {
      String key = run.plugin().id();
      for (int n = 2; byKey.containsKey(key); n++) {
        key = run.plugin().id() + "#" + n;
      }
      byKey.put(key, run);
      columns.add(new Column(key, run.plugin(), run.certified(), run.totals()));
    }
    Map<Mechanism, Map<String, Row>> rows = new EnumMap<>(Mechanism.class);
    byKey.forEach((key, run) -> {
      for (ScenarioResult s : run.scenarios()) {
        Row row = rows.computeIfAbsent(s.mechanism(), m -> new TreeMap<>(ScenarioOrder.BY_ID))
            .computeIfAbsent(s.id(), id -> new Row(id, s.level(), s.title(), new LinkedHashMap<>()));
        row.cells().put(key, new Cell(s.verdict(), s.message()));
      }
    });
    List<Group> groups = new ArrayList<>();
    rows.forEach((mechanism, scenarios) -> {
      Map<String, String> passed = new LinkedHashMap<>();
      for (String key : byKey.keySet()) {
        long applicable = scenarios.values().stream().map(r -> r.cells().get(key))
            .filter(c -> c != null && c.verdict().applicable()).count();
        long pass = scenarios.values().stream().map(r -> r.cells().get(key))
            .filter(c -> c != null && c.verdict().passed()).count();
        passed.put(key, pass + "/" + applicable);
      }
      groups.add(new Group(mechanism, List.copyOf(scenarios.values()), passed));
    });
    return new Matrix(SCHEMA, List.copyOf(columns), List.copyOf(groups));
  }
}
