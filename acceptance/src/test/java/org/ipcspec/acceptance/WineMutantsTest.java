package org.ipcspec.acceptance;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mutants of the Wine plugin, which alone claims DDE: each fails exactly the scenarios of the
 * behaviour it breaks among those it runs (the ones it must fail, and one or two it must pass),
 * so that every DDE scenario Wine passes is shown to test something. `./ipcspec selftest
 * --reference wine --mutants fixtures/wine-mutants --tags @dde` runs them all on every scenario.
 */
class WineMutantsTest extends MutantSensitivity {
  @BeforeEach
  void wineRunsHere() {
    WineHere.plugin();
  }

  @ParameterizedTest(name = "{0} fails exactly {1}")
  @CsvSource(delimiter = '|', value = {
      // a conversation nobody accepts opens all the same
      "refusals-hidden      | DDE-02 DDE-03 | @DDE-01 or @DDE-02 or @DDE-03",
      // the server never hears of the conversation it accepted
      "server-not-told      | DDE-01        | @DDE-01 or @DDE-02",
      // an unknown item is served empty, and an advise loop on it is taken
      "unknown-items-served | DDE-05 DDE-11 | @DDE-04 or @DDE-05 or @DDE-11",
      // data one byte short, requested or pushed
      "last-byte-lost       | DDE-04 DDE-08 | @DDE-04 or @DDE-07 or @DDE-08",
      // each request answered with the data of the one before
      "answers-late-by-one  | DDE-14        | @DDE-04 or @DDE-14",
      "pokes-lost           | DDE-06        | @DDE-06 or @DDE-07",
      "commands-twice       | DDE-07        | @DDE-06 or @DDE-07",
      // a warm link started hot: the notice comes with the data
      "warm-links-hot       | DDE-09        | @DDE-08 or @DDE-09",
      // a hot link's notices come without the data
      "hot-links-cold       | DDE-08        | @DDE-08 or @DDE-09",
      "advise-stop-ignored  | DDE-10        | @DDE-08 or @DDE-10",
      // the client waits for a slow server beyond its timeout
      "timeouts-ignored     | DDE-12        | @DDE-04 or @DDE-12",
      "ends-not-told        | DDE-16        | @DDE-01 or @DDE-16"
  })
  void aMutantOfWineFailsTheScenariosOfTheBehaviourItBreaks(String mutant, String expectedFailures, String scenarios) throws Exception {
    aMutantFailsExactly("fixtures/wine-mutants/", mutant, scenarios, expectedFailures);
  }
}
