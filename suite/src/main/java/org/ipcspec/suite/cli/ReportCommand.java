package org.ipcspec.suite.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ipcspec.reports.allure.AllureReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ipcspec report DIR}: the Allure report of a run's results (of every plugin in it). */
@Command(name = "report", description = "Make the Allure report (DIR/allure-report/index.html, one file) from the results in DIR.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "A results folder of verify: one plugin's, or the folder of several plugins' results.")
  Path folder;

  @Override
  public Integer call() {
    try {
      Path index = generate(folder);
      System.out.println("Allure report: " + index.toAbsolutePath());
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("ipcspec: " + e.getMessage());
      return IpcspecCommand.USAGE;
    }
  }

  /** Generates the report of {@code folder} into {@code folder/allure-report}; returns its index. */
  static Path generate(Path folder) throws IOException {
    List<Path> results = Files.isDirectory(folder) ? AllureReport.resultsIn(folder) : List.of();
    if (results.isEmpty()) {
      throw new IllegalArgumentException(folder + " holds no allure-results/ (in it or in its plugins' sub-folders): run verify first");
    }
    return generate(folder, results);
  }

  /** Generates the report of exactly these {@code allure-results/} folders into {@code folder/allure-report}. */
  static Path generate(Path folder, List<Path> results) throws IOException {
    return AllureReport.generate(allureHome(), results, folder.resolve("allure-report"));
  }

  /** Where the build unpacked the Allure command line. */
  private static Path allureHome() throws IOException {
    Path target = IpcspecCommand.home().resolve("reports").resolve("target");
    try (Stream<Path> children = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
      return children.filter(p -> p.getFileName().toString().matches("allure-\\d.*") && Files.isDirectory(p)).findFirst()
          .orElseThrow(() -> new IOException("no Allure command line in " + target + ": build the project (mvn -B install -DskipTests)"));
    }
  }
}
