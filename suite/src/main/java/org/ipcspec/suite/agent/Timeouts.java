package org.ipcspec.suite.agent;

import java.time.Duration;

/**
 * How long the suite waits. "Must happen" waits bound what a scenario expects (an open completes,
 * data arrives): they are long, since waiting costs nothing when the behaviour is right. "Must not
 * happen" waits are how long something must stay blocked to count as blocked: they are short,
 * since every scenario pays them in full. Both scale with {@code --timeout-scale}.
 *
 * @param mustHappen the longest wait for an expected outcome
 * @param mustNotHappen how long an operation must stay pending to count as blocked
 * @param agentStart how long an agent has to connect and say hello
 */
public record Timeouts(Duration mustHappen, Duration mustNotHappen, Duration agentStart) {

  public static Timeouts defaults() {
    return new Timeouts(Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(10));
  }

  public Timeouts scaled(double factor) {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("timeout scale must be above 0, got " + factor);
    }
    return new Timeouts(scale(mustHappen, factor), scale(mustNotHappen, factor), scale(agentStart, factor));
  }

  private static Duration scale(Duration d, double factor) {
    return Duration.ofNanos((long) (d.toNanos() * factor));
  }
}
