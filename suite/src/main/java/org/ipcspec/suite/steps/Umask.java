package org.ipcspec.suite.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ipcspec.suite.agent.HarnessException;

/**
 * The file mode creation mask the suite runs with, which every agent inherits: mkfifo(3) applies
 * it, so a scenario expects the mode asked for less these bits.
 */
final class Umask {
  private Umask() {}

  static int ofThisProcess() {
    try {
      // Linux states it in /proc since 4.7; the JDK has no call for it.
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Umask:")) {
          return Integer.parseInt(line.substring("Umask:".length()).trim(), 8);
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new HarnessException("cannot read the umask from /proc/self/status: " + e.getMessage(), e);
    }
    throw new HarnessException("/proc/self/status does not state the umask (Linux 4.7 or later does)");
  }
}
