package org.ipcspec.suite.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.matrix.Matrix;
import org.ipcspec.reports.matrix.MatrixFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipcspec compare DIR...}: several runs side by side, as matrix.html and matrix.json. */
@Command(name = "compare", description = "Put the verdicts of several runs side by side: matrix.html and matrix.json.")
final class CompareCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", arity = "1..*",
      description = "A results folder (with summary.json), or a folder of them (as verify writes for several plugins).")
  List<Path> folders;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Where matrix.html and matrix.json go (default: this folder).")
  Path out;

  @Override
  public Integer call() {
    List<RunSummary> runs;
    try {
      runs = MatrixFiles.runsIn(folders);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("ipcspec: " + e.getMessage());
      return IpcspecCommand.USAGE;
    }
    try {
      Matrix matrix = MatrixFiles.write(runs, out);
      System.out.println(describe(matrix) + ": " + out.resolve(MatrixFiles.HTML));
      return 0;
    } catch (IOException e) {
      System.err.println("ipcspec: cannot write the matrix to " + out + ": " + e.getMessage());
      return IpcspecCommand.USAGE;
    }
  }

  static String describe(Matrix matrix) {
    long scenarios = matrix.mechanisms().stream().mapToLong(g -> g.scenarios().size()).sum();
    return "matrix of " + matrix.plugins().size() + " runs (" + String.join(", ", matrix.plugins().stream().map(Matrix.Column::key).toList())
        + "), " + scenarios + " scenarios";
  }
}
