package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ipcspec.reports.RepeatReport;
import org.ipcspec.reports.SummaryJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With both cores kept busy, the reference gives the same verdict on every run of the scenarios
 * that wait the most on timing (signals, blocking pipes and FIFOs): a verdict that depends on the
 * machine's load would make certificates worthless.
 */
class SteadyUnderLoadTest extends LeavesNothingBehind {
  @TempDir Path tmp;

  @Test
  void theReferenceGivesTheSameVerdictsOverFiveRunsWithBothCoresBusy() throws Exception {
    AtomicBoolean loaded = new AtomicBoolean(true);
    List<Thread> hogs = new ArrayList<>();
    for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
      Thread hog = new Thread(() -> {
        long spins = 0;
        while (loaded.get()) {
          spins++;
        }
        if (spins < 0) {
          System.out.println(spins); // keeps the loop from being optimised away
        }
      }, "cpu-hog-" + i);
      hog.setDaemon(true);
      hog.start();
      hogs.add(hog);
    }
    Path out = tmp.resolve("repeat");
    Process run;
    try {
      ProcessBuilder builder = new ProcessBuilder(Bundled.home().resolve("ipcspec").toString(), "verify", "--plugin", "posix",
          "--tags", "@signal and not @isolation or @PIPE-06 or @PIPE-07 or @FIFO-06 or @FIFO-07", "--repeat", "5", "--out", out.toString())
          .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectErrorStream(true);
      builder.environment().put("TMPDIR", workRoot.toString());
      run = builder.start();
      assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("five runs finish").isTrue();
    } finally {
      loaded.set(false); // bounded: the load ends with the runs
      for (Thread hog : hogs) {
        hog.join();
      }
    }
    String output = Files.readString(tmp.resolve("stdout.txt"));
    RepeatReport report = SummaryJson.readRepeat(out.resolve("repeat.json"));
    assertThat(report.runs()).isEqualTo(5);
    assertThat(report.flaky()).as(output).isEmpty();
    assertThat(run.exitValue()).as(output).isZero();
  }
}
