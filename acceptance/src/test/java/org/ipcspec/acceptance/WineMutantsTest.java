package org.ipcspec.acceptance;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mutants of the Wine plugin, which alone claims DDE and OLE: each fails exactly the scenarios of the
 * behaviour it breaks among those it runs (the ones it must fail, and one or two it must pass),
 * so that every DDE and OLE scenario Wine passes is shown to test something. `./ipcspec selftest
 * --reference wine --mutants fixtures/wine-mutants --tags "@dde or @ole"` runs them all on every scenario.
 */
class WineMutantsTest extends MutantSensitivity {
  @BeforeEach
  void wineRunsHere() {
    WineHere.plugin();
  }

  @ParameterizedTest(name = "{0} fails exactly {1}")
  @CsvSource(delimiter = '|', value = {
      // a conversation nobody accepts opens all the same
      "dde-refusals-hidden      | DDE-02 DDE-03 | @DDE-01 or @DDE-02 or @DDE-03",
      // the server never hears of the conversation it accepted
      "dde-server-not-told      | DDE-01        | @DDE-01 or @DDE-02",
      // an unknown item is served empty, and an advise loop on it is taken
      "dde-unknown-items-served | DDE-05 DDE-11 | @DDE-04 or @DDE-05 or @DDE-11",
      // data one byte short, requested or pushed
      "dde-last-byte-lost       | DDE-04 DDE-08 | @DDE-04 or @DDE-07 or @DDE-08",
      // each request answered with the data of the one before
      "dde-answers-late-by-one  | DDE-14        | @DDE-04 or @DDE-14",
      "dde-pokes-lost           | DDE-06        | @DDE-06 or @DDE-07",
      "dde-commands-twice       | DDE-07        | @DDE-06 or @DDE-07",
      // a warm link started hot: the notice comes with the data
      "dde-warm-links-hot       | DDE-09        | @DDE-08 or @DDE-09",
      // a hot link's notices come without the data
      "dde-hot-links-cold       | DDE-08        | @DDE-08 or @DDE-09",
      "dde-advise-stop-ignored  | DDE-10        | @DDE-08 or @DDE-10",
      // the client waits for a slow server beyond its timeout
      "dde-timeouts-ignored     | DDE-12        | @DDE-04 or @DDE-12",
      // the timeout is the answer, but only after the slow server would have answered
      "dde-timeouts-reported-late | DDE-12      | @DDE-04 or @DDE-12",
      "dde-ends-not-told        | DDE-16        | @DDE-01 or @DDE-16",
      // a stream one byte short: the other process and POI both read it so
      "ole-streams-last-byte-lost    | OLE-01                      | @OLE-01 or @OLE-02",
      // "embedding" that keeps the source's path: POI finds no copy, the object follows its source, the document stays small
      "ole-embeds-a-reference        | OLE-02 OLE-03 OLE-04 OLE-05 | @OLE-01 or @OLE-02 or @OLE-03 or @OLE-04 or @OLE-05",
      // the copy is in the document, but opening the object reads the source
      "ole-objects-read-their-source | OLE-03 OLE-04               | @OLE-02 or @OLE-03 or @OLE-04"
  })
  void aMutantOfWineFailsTheScenariosOfTheBehaviourItBreaks(String mutant, String expectedFailures, String scenarios) throws Exception {
    aMutantFailsExactly("fixtures/wine-mutants/", mutant, scenarios, expectedFailures);
  }
}
