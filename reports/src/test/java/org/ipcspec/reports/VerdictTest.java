package org.ipcspec.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which verdicts keep a plugin from being certified. */
class VerdictTest {
  @ParameterizedTest(name = "{0} at level {1} blocks certification: {2}")
  @CsvSource({
      "PASS,            must,   false",
      "FAIL,            must,   true",
      "FAIL,            should, false",
      "FAIL,            may,    false",
      "ERROR,           may,    true",
      "EXPECTED_FAIL,   must,   false",
      "UNEXPECTED_PASS, must,   false",
      "NOT_APPLICABLE,  must,   false"
  })
  void onlyMustFailuresAndErrorsBlockCertification(Verdict verdict, String level, boolean blocks) {
    assertThat(verdict.blocksCertification(level)).isEqualTo(blocks);
  }
}
