package org.ipcspec.suite.engine;

import org.opentest4j.TestAbortedException;

/**
 * Stops a scenario that cannot apply to this run: NOT_APPLICABLE, never a pass or a failure.
 * Either the plugin does not claim what it needs ({@link CapabilityNotClaimed}) or the run lacks
 * a condition it needs (for example, the privileges to start a participant as another user).
 */
public class NotApplicable extends TestAbortedException {
  public NotApplicable(String message) {
    super(message);
  }
}
