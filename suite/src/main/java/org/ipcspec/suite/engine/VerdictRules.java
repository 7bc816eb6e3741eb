package org.ipcspec.suite.engine;

import java.util.Optional;
import org.ipcspec.reports.Verdict;

/**
 * From how a scenario ended, and whether the plugin declares a deviation for it, to a verdict. A
 * scenario that did not run is an ERROR: a failure is never turned into a skip.
 */
public final class VerdictRules {
  private VerdictRules() {}

  /**
   * Decides a verdict.
   *
   * @param outcome how the scenario ended
   * @param deviation the plugin's declared reason for failing this scenario, if any
   */
  public static Verdict decide(Outcome outcome, Optional<String> deviation) {
    return switch (outcome) {
      case PASSED -> deviation.isPresent() ? Verdict.UNEXPECTED_PASS : Verdict.PASS;
      case FAILED_ASSERTION -> deviation.isPresent() ? Verdict.EXPECTED_FAIL : Verdict.FAIL;
      case NOT_CLAIMED -> Verdict.NOT_APPLICABLE;
      case FAILED_HARNESS, DID_NOT_RUN -> Verdict.ERROR;
    };
  }
}
