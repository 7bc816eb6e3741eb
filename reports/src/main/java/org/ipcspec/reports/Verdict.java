package org.ipcspec.reports;

/** What a scenario says of an implementation. */
public enum Verdict {
  /** The behaviour the scenario states was observed. */
  PASS,
  /** The implementation behaved otherwise than the scenario states. */
  FAIL,
  /** The scenario needs a capability the implementation does not claim. */
  NOT_APPLICABLE,
  /** The scenario failed, and the implementation declares this deviation with a reason. */
  EXPECTED_FAIL,
  /** The scenario passed although the implementation declares a deviation: the declaration is stale. */
  UNEXPECTED_PASS,
  /** No verdict on the behaviour: the harness failed, the agent crashed, hung or broke the protocol. */
  ERROR;

  /**
   * Whether this verdict, on a scenario of {@code level}, keeps a run from being certified. FAIL on
   * a {@code @must} scenario does; so does ERROR at any level, since the run then says nothing
   * about that scenario.
   */
  public boolean blocksCertification(String level) {
    return this == ERROR || (this == FAIL && "must".equals(level));
  }

  /** The scenario applies: the plugin claims what it needs. */
  public boolean applicable() {
    return this != NOT_APPLICABLE;
  }

  /** The behaviour was observed (a stale deviation's scenario passed too). */
  public boolean passed() {
    return this == PASS || this == UNEXPECTED_PASS;
  }
}
