package org.ipcspec.suite.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run directories are named after the suite's pid ({@code ipcspec-<pid>-<random>}), so that a run
 * killed outright (SIGKILL, a power cut), which could not clean up, is cleaned up by the next
 * run: the folder of a pid that no longer runs is nobody's. So are the shared memory objects and
 * message queues whose names start with that pid.
 */
final class StaleRuns {
  private static final Pattern RUN_FOLDER = Pattern.compile("ipcspec-(\\d+)-\\d+");
  private static final Pattern SYSTEM_OBJECT = Pattern.compile("ipcspec-(\\d+)-\\d+-.+");

  private StaleRuns() {}

  /**
   * A new run folder under {@code root}, named after this process. Others may pass through it
   * (mode 0711) but not list it: a participant that runs as another user must reach its socket.
   */
  static Path newRunFolder(Path root) throws IOException {
    Path folder = Files.createTempDirectory(root, prefixOfThisProcess());
    Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
    return folder;
  }

  static String prefixOfThisProcess() {
    return "ipcspec-" + ProcessHandle.current().pid() + "-";
  }

  static void removeIn(Path root) {
    removeStale(root, RUN_FOLDER, true);
  }

  /**
   * Removes the POSIX shared memory objects or message queues ({@code folder} is /dev/shm or
   * /dev/mqueue) of runs whose process is gone: scenarios name them {@code ipcspec-<pid>-<n>-<name>}.
   */
  static void removeObjectsIn(Path folder) {
    removeStale(folder, SYSTEM_OBJECT, false);
  }

  /** The standard places of POSIX shared memory objects and message queues on Linux. */
  static void removeStaleSystemObjects() {
    removeObjectsIn(Path.of("/dev/shm"));
    removeObjectsIn(Path.of("/dev/mqueue"));
  }

  private static void removeStale(Path folder, Pattern pattern, boolean folders) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "ipcspec-*")) {
      for (Path entry : entries) {
        Matcher name = pattern.matcher(entry.getFileName().toString());
        if (name.matches() && Files.isDirectory(entry) == folders && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()) {
          try {
            Directories.deleteRecursively(entry);
          } catch (IOException e) {
            // Another user's, or in use after all: not ours to force.
          }
        }
      }
    } catch (IOException e) {
      // An unreadable folder only means nothing is cleaned up here.
    }
  }
}
