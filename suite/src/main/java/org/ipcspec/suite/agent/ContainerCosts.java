package org.ipcspec.suite.agent;

import java.util.Locale;

/**
 * What containers cost a run, for the line {@code verify} prints: how many were started, the time
 * spent starting and removing them summed over every thread that did it, and the wall time during
 * which at least one was starting or being removed (starts overlap, so the sum can exceed the run).
 */
final class ContainerCosts {
  private int started;
  private long startingNanos;
  private long removingNanos;
  /** How many starts or removals are under way, and since when one has been. */
  private int busy;
  private long busySince;
  private long busyNanos;

  /** Runs a container's start, counting its time, and the container if it started. */
  void starting(Runnable start) {
    long begin = enter();
    boolean ok = false;
    try {
      start.run();
      ok = true;
    } finally {
      long took = leave() - begin;
      synchronized (this) {
        startingNanos += took;
        started += ok ? 1 : 0;
      }
    }
  }

  /** Runs a container's removal, counting its time. */
  void removing(Runnable remove) {
    long begin = enter();
    try {
      remove.run();
    } finally {
      long took = leave() - begin;
      synchronized (this) {
        removingNanos += took;
      }
    }
  }

  private synchronized long enter() {
    long now = System.nanoTime();
    if (busy++ == 0) {
      busySince = now;
    }
    return now;
  }

  private synchronized long leave() {
    long now = System.nanoTime();
    if (--busy == 0) {
      busyNanos += now - busySince;
    }
    return now;
  }

  @Override
  public synchronized String toString() {
    return String.format(Locale.ROOT, "%d containers; %.1f s of wall time with one starting or being removed"
            + " (%.1f s starting and %.1f s removing, summed over threads)",
        started, busyNanos / 1e9, startingNanos / 1e9, removingNanos / 1e9);
  }
}
