package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.engine.VerificationResult;
import org.ipcspec.suite.plugin.PluginDescriptor;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each mutant breaks one documented behaviour of the reference (or of the plugin it wraps, for
 * the scenarios the reference does not claim): it must FAIL exactly the
 * scenarios that state that behaviour, and PASS every other one. A scenario that passes against
 * the reference is thereby shown to test something. The rows are split over classes (by mechanism)
 * so that the two test JVMs share them.
 */
abstract class MutantSensitivity extends LeavesNothingBehind {
  @TempDir Path out;

  void aMutantFailsExactly(String mutant, String feature, String expectedFailures) throws Exception {
    aMutantFailsExactly("fixtures/mutants/", mutant, feature, expectedFailures);
  }

  /** A mutant of another plugin than the reference, in {@code folder}. */
  void aMutantFailsExactly(String folder, String mutant, String feature, String expectedFailures) throws Exception {
    // The @isolation scenarios need containers: ContainerIsolationTest runs their mutants.
    VerificationResult result = verify(Bundled.plugin(folder + mutant.trim()), out, "(" + feature.trim() + ") and not @isolation", 1.0);

    Map<Verdict, Set<String>> verdicts = Bundled.byVerdict(result);
    assertThat(verdicts.keySet()).as("verdicts of " + mutant).isSubsetOf(Verdict.PASS, Verdict.FAIL, Verdict.NOT_APPLICABLE);
    // NOT_APPLICABLE only where the plugin the mutant wraps claims nothing (the reference has no message rings).
    PluginDescriptor plugin = Bundled.plugin(folder + mutant.trim());
    assertThat(result.summary().scenarios()).filteredOn(s -> s.verdict() == Verdict.NOT_APPLICABLE)
        .allSatisfy(s -> assertThat(Bundled.honestVerdict(plugin, s)).as(s.id()).isEqualTo(Verdict.NOT_APPLICABLE));
    assertThat(verdicts.get(Verdict.FAIL)).containsExactlyInAnyOrder(expectedFailures.trim().split(" "));
    // Only a failed @must scenario denies the certificate; a mutant that breaks a @should one keeps it.
    boolean mustFailed = result.summary().scenarios().stream().anyMatch(s -> s.verdict() == Verdict.FAIL && "must".equals(s.level()));
    assertThat(result.certified()).isEqualTo(!mustFailed);
  }
}
