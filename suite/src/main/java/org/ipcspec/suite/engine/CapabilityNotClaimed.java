package org.ipcspec.suite.engine;

import org.opentest4j.TestAbortedException;

/** Stops a scenario before it starts: it needs capabilities the plugin does not claim. */
public class CapabilityNotClaimed extends TestAbortedException {
  public CapabilityNotClaimed(String message) {
    super(message);
  }
}
