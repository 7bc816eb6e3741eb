package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.engine.VerificationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The link scenarios (OLE-06..09) have no implementation here that passes them: Wine does not
 * implement linking. The OLE document model (fixtures/models/ole, over Apache POI; a fixture, never
 * certified) shows that every OLE step can pass, and its mutants that the link scenarios can fail.
 */
class OleModelTest extends MutantSensitivity {
  @Test
  void everyOleScenarioPassesAgainstTheModelTheLinkOnesIncluded() throws Exception {
    VerificationResult result = verify(Bundled.plugin("fixtures/models/ole"), out, "@ole", 1.0);

    assertThat(result.summary().scenarios()).hasSize(9).allSatisfy(
        (ScenarioResult s) -> assertThat(s.verdict()).as(s.id() + ": " + s.message()).isEqualTo(Verdict.PASS));
  }

  @ParameterizedTest(name = "{0} fails exactly {1}")
  @CsvSource(delimiter = '|', value = {
      // a link that embeds: POI finds the data and no location, the copy does not follow its source, nor break, and grows
      "links-copy-their-source | OLE-06 OLE-07 OLE-08 OLE-09",
      "broken-links-open       | OLE-08"
  })
  void aMutantOfTheModelFailsTheLinkScenariosOfTheBehaviourItBreaks(String mutant, String expectedFailures) throws Exception {
    aMutantFailsExactly("fixtures/models/ole-mutants/", mutant, "@ole", expectedFailures);
  }
}
