package org.ipcspec.spec.jvm.host;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The form of signal names (PROTOCOL.md, section 6): the names of signal(7), and real-time
 * signals as {@code SIGRTMIN}, {@code SIGRTMIN+n}, {@code SIGRTMAX}, {@code SIGRTMAX-n}. Whether
 * the system knows a name (SIGEMT, SIGINFO and SIGLOST are not on every system) is for the
 * implementation to say.
 */
final class SignalNames {
  static final String NULL_SIGNAL = "0";

  private static final Set<String> STANDARD = Set.of(
      "SIGABRT", "SIGALRM", "SIGBUS", "SIGCHLD", "SIGCLD", "SIGCONT", "SIGEMT", "SIGFPE",
      "SIGHUP", "SIGILL", "SIGINFO", "SIGINT", "SIGIO", "SIGIOT", "SIGKILL", "SIGLOST",
      "SIGPIPE", "SIGPOLL", "SIGPROF", "SIGPWR", "SIGQUIT", "SIGSEGV", "SIGSTKFLT", "SIGSTOP",
      "SIGTSTP", "SIGSYS", "SIGTERM", "SIGTRAP", "SIGTTIN", "SIGTTOU", "SIGUNUSED", "SIGURG",
      "SIGUSR1", "SIGUSR2", "SIGVTALRM", "SIGXCPU", "SIGXFSZ", "SIGWINCH");

  private static final Pattern REAL_TIME = Pattern.compile("SIGRT(MIN(\\+[1-9][0-9]?)?|MAX(-[1-9][0-9]?)?)");

  private SignalNames() {}

  static boolean isName(String name) {
    return STANDARD.contains(name) || REAL_TIME.matcher(name).matches();
  }
}
