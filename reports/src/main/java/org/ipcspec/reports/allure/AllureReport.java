package org.ipcspec.reports.allure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Allure command line (unpacked from Maven Central by the build into
 * {@code reports/target/allure-<version>/}) over one or more {@code allure-results/} folders, and
 * makes one report as a single HTML file, which a browser opens from disk without a server.
 */
public final class AllureReport {
  private AllureReport() {}

  /**
   * Generates the report.
   *
   * @param allure the Allure command line's folder (with {@code bin/allure})
   * @param results the {@code allure-results/} folders to put in it
   * @param out the report's folder; its {@code index.html} is the report
   * @return the report's {@code index.html}
   * @throws IOException when Allure is missing or fails, with what it said
   */
  public static Path generate(Path allure, List<Path> results, Path out) throws IOException {
    Path launcher = allure.resolve("bin").resolve("allure");
    if (!Files.isExecutable(launcher)) {
      throw new IOException("the Allure command line is not at " + launcher + ": build the project (mvn -B install -DskipTests) to unpack it");
    }
    List<String> command = new ArrayList<>(List.of(launcher.toString(), "generate", "--clean", "--single-file",
        "--report-name", "ipcspec", "-o", out.toString()));
    results.forEach(r -> command.add(r.toString()));
    Path log = Files.createTempFile("ipcspec-allure-", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      // The same Java as the suite's, whatever the PATH says.
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process process = builder.start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("Allure did not finish within 10 minutes");
      }
      Path index = out.resolve("index.html");
      if (process.exitValue() != 0 || !Files.isRegularFile(index)) {
        throw new IOException("Allure failed (exit " + process.exitValue() + "): " + Files.readString(log).strip());
      }
      return index;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while Allure ran", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** The {@code allure-results/} folders of a results folder: its own, or those of its plugins' sub-folders. */
  public static List<Path> resultsIn(Path folder) throws IOException {
    if (Files.isDirectory(folder.resolve("allure-results"))) {
      return List.of(folder.resolve("allure-results"));
    }
    try (var children = Files.list(folder)) {
      return children.map(child -> child.resolve("allure-results")).filter(Files::isDirectory).sorted().toList();
    }
  }
}
