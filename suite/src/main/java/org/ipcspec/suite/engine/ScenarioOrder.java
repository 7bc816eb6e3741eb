package org.ipcspec.suite.engine;

import java.util.Comparator;

/** Scenario IDs in reading order: by prefix, then by number (FIFO-2 before FIFO-10). */
final class ScenarioOrder {
  static final Comparator<String> BY_ID = Comparator
      .comparing((String id) -> id.replaceFirst("-\\d+$", ""))
      .thenComparingInt(id -> id.matches(".*-\\d+$") ? Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)) : 0);

  private ScenarioOrder() {}
}
