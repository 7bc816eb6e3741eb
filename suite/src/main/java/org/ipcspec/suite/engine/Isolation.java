package org.ipcspec.suite.engine;

import java.util.Locale;

/** How a run keeps its participants apart. */
public enum Isolation {
  /** Each participant's agent a process of this machine: needs nothing but the plugin. */
  PROCESS,
  /** Each participant's agent in a container of its own, on the local Docker engine. */
  CONTAINER;

  /** The name on the command line and in results. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
