package org.ipcspec.suite.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.ipcspec.reports.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerdictRulesTest {

  @ParameterizedTest(name = "{0} with deviation {1} is {2}")
  @CsvSource({
      "PASSED,           false, PASS",
      "PASSED,           true,  UNEXPECTED_PASS",
      "FAILED_ASSERTION, false, FAIL",
      "FAILED_ASSERTION, true,  EXPECTED_FAIL",
      "FAILED_HARNESS,   false, ERROR",
      "FAILED_HARNESS,   true,  ERROR",
      "NOT_CLAIMED,      false, NOT_APPLICABLE",
      "NOT_CLAIMED,      true,  NOT_APPLICABLE",
      "DID_NOT_RUN,      false, ERROR",
      "DID_NOT_RUN,      true,  ERROR"
  })
  void outcomesAndDeviationsGiveVerdicts(Outcome outcome, boolean deviation, Verdict expected) {
    assertThat(VerdictRules.decide(outcome, deviation ? Optional.of("reason") : Optional.empty())).isEqualTo(expected);
  }
}
