package org.ipcspec.suite.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.ipcspec.spec.protocol.Event;

/** The events one agent has sent, in order, for steps that wait for one ("bob receives SIGUSR1"). */
public final class EventLog {
  private final List<Event> events = new ArrayList<>();
  private boolean closed;

  synchronized void add(Event event) {
    events.add(event);
    notifyAll();
  }

  /** No more events will come: the agent is gone. Wakes whoever waits. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** The events so far that match. */
  public synchronized List<Event> matching(Predicate<Event> filter) {
    return events.stream().filter(filter).toList();
  }

  /**
   * Waits until at least {@code count} events match, the time is up, or the agent is gone.
   *
   * @return the matching events at that moment, possibly fewer than asked for
   */
  public synchronized List<Event> awaitAtLeast(int count, Predicate<Event> filter, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    List<Event> found = matching(filter);
    while (found.size() < count && !closed) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        break;
      }
      wait(left);
      found = matching(filter);
    }
    return found;
  }
}
