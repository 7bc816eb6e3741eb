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
 * run: the folder of a pid that no longer runs is nobody's.
 */
final class StaleRuns {
  private static final Pattern NAME = Pattern.compile("ipcspec-(\\d+)-\\d+");

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
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, "ipcspec-*")) {
      for (Path entry : entries) {
        Matcher name = NAME.matcher(entry.getFileName().toString());
        if (name.matches() && Files.isDirectory(entry) && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()) {
          try {
            Directories.deleteRecursively(entry);
          } catch (IOException e) {
            // Another user's, or in use after all: not ours to force.
          }
        }
      }
    } catch (IOException e) {
      // An unreadable root only means nothing is cleaned up here.
    }
  }
}
