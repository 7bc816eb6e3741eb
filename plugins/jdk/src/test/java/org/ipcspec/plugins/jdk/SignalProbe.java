package org.ipcspec.plugins.jdk;

import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.SignalCatching;

/**
 * A JVM for signal experiments that could end the test's own JVM. Arguments: pairs of action
 * ({@code CATCH}, {@code IGNORE}, {@code DEFAULT}) and signal name, applied in order through
 * {@link JdkSignals}. It prints each outcome, then {@code ready}, then each caught signal, and
 * {@code survived} if it is still running 20 seconds later. A shutdown hook prints {@code hook}.
 */
public final class SignalProbe {
  private SignalProbe() {}

  public static void main(String[] args) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> say("hook")));
    JdkSignals signals = new JdkSignals();
    for (int i = 0; i + 1 < args.length; i += 2) {
      String signal = args[i + 1];
      try {
        signals.handle(signal, SignalCatching.Action.valueOf(args[i]), d -> say("caught " + d.signal()));
        say(args[i] + " " + signal + ": ok");
      } catch (IpcException e) {
        say(args[i] + " " + signal + ": " + e.code() + " " + e.getMessage());
      }
    }
    say("ready");
    Thread.sleep(20_000);
    say("survived");
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
