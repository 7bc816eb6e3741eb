package org.ipcspec.suite.engine;

/** Stops a scenario before it starts: it needs capabilities the plugin does not claim. */
public class CapabilityNotClaimed extends NotApplicable {
  public CapabilityNotClaimed(String message) {
    super(message);
  }
}
