package org.ipcspec.reports;

import java.util.Comparator;

/** Scenario IDs in reading order: by prefix, then by number (FIFO-2 before FIFO-10). */
public final class ScenarioOrder {
  public static final Comparator<String> BY_ID = Comparator
      .comparing((String id) -> id.replaceFirst("-\\d+$", ""))
      .thenComparingInt(id -> id.matches(".*-\\d+$") ? Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)) : 0);

  private ScenarioOrder() {}
}
