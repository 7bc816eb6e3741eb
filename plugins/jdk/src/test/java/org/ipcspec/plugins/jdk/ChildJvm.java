package org.ipcspec.plugins.jdk;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A JVM started from a test, on the test's class path, whose output lines are collected. */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private ChildJvm(Process process) {
    this.process = process;
    reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("reader failed: " + e);
      }
    });
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code java -cp <test class path> mainClass args}, through {@code /bin/sh -c} with the
   * given shell prefix (such as {@code trap "" INT;}) when it is not empty.
   */
  static ChildJvm start(Path workingDirectory, String shellPrefix, Class<?> mainClass, String... args) throws IOException {
    List<String> java = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElseThrow(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), mainClass.getName()));
    java.addAll(List.of(args));
    List<String> command = java;
    if (!shellPrefix.isEmpty()) {
      StringBuilder line = new StringBuilder(shellPrefix).append(" exec");
      for (String word : java) {
        line.append(" '").append(word.replace("'", "'\\''")).append('\'');
      }
      command = List.of("/bin/sh", "-c", line.toString());
    }
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
    return new ChildJvm(builder.start());
  }

  long pid() {
    return process.pid();
  }

  List<String> lines() {
    return lines;
  }

  /** Waits until a line equal to {@code expected} has been printed. */
  void awaitLine(String expected) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!lines.contains(expected)) {
      if (System.nanoTime() > end || (!process.isAlive() && !reader.isAlive() && !lines.contains(expected))) {
        throw new AssertionError("no line '" + expected + "' from the child JVM; it printed " + lines);
      }
      Thread.sleep(20);
    }
  }

  /** Sends a signal with kill(1). */
  void kill(String signal) throws IOException, InterruptedException {
    int status = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start().waitFor();
    if (status != 0) {
      throw new AssertionError("kill -" + signal + " " + pid() + " failed with " + status);
    }
  }

  /** Waits for the JVM to end; its exit value as Process reports it, and all its output read. */
  int exitValue() throws InterruptedException {
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the child JVM did not end; it printed " + lines);
    }
    reader.join(5000);
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
