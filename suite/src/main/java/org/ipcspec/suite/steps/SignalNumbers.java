package org.ipcspec.suite.steps;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ipcspec.suite.agent.HarnessException;

/**
 * Signal numbers as Linux gives them on x86 and ARM (signal(7)): the harness needs them to read
 * the exit status Java reports for a process killed by a signal, 128 + its number.
 */
final class SignalNumbers {
  private static final Map<String, Integer> NUMBERS = Map.ofEntries(
      Map.entry("SIGHUP", 1), Map.entry("SIGINT", 2), Map.entry("SIGQUIT", 3), Map.entry("SIGILL", 4),
      Map.entry("SIGTRAP", 5), Map.entry("SIGABRT", 6), Map.entry("SIGBUS", 7), Map.entry("SIGFPE", 8),
      Map.entry("SIGKILL", 9), Map.entry("SIGUSR1", 10), Map.entry("SIGSEGV", 11), Map.entry("SIGUSR2", 12),
      Map.entry("SIGPIPE", 13), Map.entry("SIGALRM", 14), Map.entry("SIGTERM", 15));

  private SignalNumbers() {}

  static int of(String name) {
    Integer number = NUMBERS.get(name);
    if (number == null) {
      throw new HarnessException("the harness knows no number for " + name);
    }
    return number;
  }

  /** SIGRTMIN as programs linked with glibc see it: the kernel's first real-time signal is 32, and glibc keeps 32 and 33 for its threads. */
  private static final int GLIBC_SIGRTMIN = 34;
  private static final Pattern REAL_TIME = Pattern.compile("SIGRTMIN(?:\\+([0-9]+))?");

  /** The number of a signal (real-time ones as glibc numbers them), or null for a name the harness does not know. */
  static Integer numberOf(String name) {
    Matcher realTime = REAL_TIME.matcher(name);
    if (realTime.matches()) {
      return GLIBC_SIGRTMIN + (realTime.group(1) == null ? 0 : Integer.parseInt(realTime.group(1)));
    }
    return NUMBERS.get(name);
  }

  /** The name of the signal behind a Java exit status of 128 + N, if it is one. */
  static String fromJavaExitStatus(int status) {
    return NUMBERS.entrySet().stream().filter(e -> e.getValue() + 128 == status).map(Map.Entry::getKey)
        .findFirst().orElse(null);
  }
}
