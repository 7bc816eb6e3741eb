package org.ipcspec.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The machine's C library, which the native agents' system calls go through. */
final class Libc {
  private static String version;

  private Libc() {}

  /** "glibc 2.36", say; "unknown" where getconf cannot tell (musl has no GNU_LIBC_VERSION). */
  static synchronized String version() {
    if (version == null) {
      version = ask();
    }
    return version;
  }

  private static String ask() {
    try {
      Process getconf = new ProcessBuilder("getconf", "GNU_LIBC_VERSION").redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!getconf.waitFor(10, TimeUnit.SECONDS) || getconf.exitValue() != 0 || out.isEmpty()) {
        return "unknown";
      }
      return out;
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
