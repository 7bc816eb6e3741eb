package org.ipcspec.reports.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.SummaryJson;
import org.ipcspec.reports.Verdict;
import org.ipcspec.reports.pages.Templates;

/** Writes {@code matrix.json} and {@code matrix.html} for several runs. */
public final class MatrixFiles {
  public static final String JSON = "matrix.json";
  public static final String HTML = "matrix.html";

  private MatrixFiles() {}

  /**
   * The runs in {@code folders}: a folder with a {@code summary.json} is one run; a folder without
   * one stands for the runs in its sub-folders (as {@code verify} with several plugins writes them).
   *
   * @throws IllegalArgumentException when a folder holds no run at all
   */
  public static List<RunSummary> runsIn(List<Path> folders) throws IOException {
    List<RunSummary> runs = new ArrayList<>();
    for (Path folder : folders) {
      if (Files.isRegularFile(folder.resolve("summary.json"))) {
        runs.add(SummaryJson.read(folder.resolve("summary.json")));
        continue;
      }
      List<Path> inside;
      try (Stream<Path> children = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
        inside = children.filter(child -> Files.isRegularFile(child.resolve("summary.json"))).sorted().toList();
      }
      if (inside.isEmpty()) {
        throw new IllegalArgumentException(folder + " holds no run: no summary.json in it or in its sub-folders");
      }
      for (Path child : inside) {
        runs.add(SummaryJson.read(child.resolve("summary.json")));
      }
    }
    return runs;
  }

  public static Matrix write(List<RunSummary> runs, Path out) throws IOException {
    Matrix matrix = Matrix.of(runs);
    Files.createDirectories(out);
    SummaryJson.writeValue(matrix, out.resolve(JSON));
    Templates.write("matrix.html", page(matrix), out.resolve(HTML));
    return matrix;
  }

  private static Map<String, Object> page(Matrix matrix) {
    int columns = matrix.plugins().size();
    List<Map<String, Object>> groups = new ArrayList<>();
    int scenarios = 0;
    int differing = 0;
    for (Matrix.Group group : matrix.mechanisms()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Matrix.Row row : group.scenarios()) {
        List<Map<String, Object>> cells = new ArrayList<>();
        for (Matrix.Column column : matrix.plugins()) {
          Matrix.Cell cell = row.cells().get(column.key());
          cells.add(cell == null
              ? Map.of("css", "not-run", "text", "not run", "title", "this run did not have the scenario", "verdict", "")
              : Map.of("css", Templates.cssClass(cell.verdict()), "text", text(cell.verdict()), "title", cell.message(), "verdict", cell.verdict().name()));
        }
        boolean same = row.unanimous(columns);
        differing += same ? 0 : 1;
        scenarios++;
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("row", row);
        view.put("cells", cells);
        view.put("same", same);
        rows.add(view);
      }
      List<String> passed = matrix.plugins().stream().map(c -> group.passed().get(c.key())).toList();
      groups.add(Map.of("mechanism", group.mechanism().id(), "rows", rows, "passed", passed));
    }
    List<Map<String, Object>> columnViews = new ArrayList<>();
    for (Matrix.Column column : matrix.plugins()) {
      columnViews.add(Map.of("column", column, "status", column.certified() ? "certified" : "not certified",
          "statusCss", column.certified() ? "certified" : "refused"));
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("columns", columnViews);
    page.put("groups", groups);
    page.put("scenarios", scenarios);
    page.put("plugins", columns);
    page.put("title", String.join(" · ", matrix.plugins().stream().map(Matrix.Column::key).toList()));
    page.put("differing", differing);
    page.put("width", columns + 1);
    return page;
  }

  private static String text(Verdict verdict) {
    return switch (verdict) {
      case PASS -> "pass";
      case FAIL -> "FAIL";
      case NOT_APPLICABLE -> "n/a";
      case EXPECTED_FAIL -> "expected fail";
      case UNEXPECTED_PASS -> "unexpected pass";
      case ERROR -> "ERROR";
    };
  }
}
