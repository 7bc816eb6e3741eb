package org.ipcspec.suite.engine;

/** How a scenario ended, as Cucumber reports it, before ipcspec's verdict rules apply. */
public enum Outcome {
  PASSED,
  /** A step failed an assertion: the behaviour differs from the scenario. */
  FAILED_ASSERTION,
  /** The harness or the agent failed: crash, hang, protocol violation, a broken scenario. */
  FAILED_HARNESS,
  /** The scenario needs a capability the plugin does not claim. */
  NOT_CLAIMED,
  /** Undefined, pending, ambiguous or skipped steps: the scenario did not really run. */
  DID_NOT_RUN
}
