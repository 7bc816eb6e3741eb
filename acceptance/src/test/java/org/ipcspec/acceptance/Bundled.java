package org.ipcspec.acceptance;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.engine.VerificationResult;
import org.ipcspec.suite.plugin.DescriptorReader;
import org.ipcspec.suite.plugin.PluginDescriptor;

/** The checkout under test, its plugins and fixtures, and checks shared by the acceptance tests. */
final class Bundled {
  private Bundled() {}

  static Path home() {
    return Path.of(System.getProperty("ipcspec.home", "..")).toAbsolutePath().normalize();
  }

  static PluginDescriptor plugin(String folder) {
    try {
      return DescriptorReader.read(home().resolve(folder));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Scenario IDs by verdict, for messages that show the whole picture when an expectation fails. */
  static Map<Verdict, Set<String>> byVerdict(VerificationResult result) {
    return result.summary().scenarios().stream().collect(Collectors.groupingBy(
        ScenarioResult::verdict, TreeMap::new, Collectors.mapping(ScenarioResult::id, Collectors.toCollection(java.util.TreeSet::new))));
  }

  /** Whether the plugin claims every capability the scenario's @requires: tags name. */
  static boolean claimsAllItNeeds(PluginDescriptor plugin, ScenarioResult scenario) {
    return scenario.tags().stream().filter(t -> t.startsWith("requires:"))
        .map(t -> org.ipcspec.spec.protocol.Capability.byId(t.substring("requires:".length())).orElseThrow())
        .allMatch(plugin::claims);
  }

  /**
   * The verdict an honest plugin gets, run with processes: NOT_APPLICABLE where it claims less
   * than the scenario needs (and for @isolation scenarios), EXPECTED_FAIL where it declares a
   * deviation, PASS everywhere else.
   */
  static Verdict honestVerdict(PluginDescriptor plugin, ScenarioResult scenario) {
    if (!claimsAllItNeeds(plugin, scenario) || scenario.tags().contains("isolation")) {
      return Verdict.NOT_APPLICABLE;
    }
    return plugin.deviation(scenario.id()).isPresent() ? Verdict.EXPECTED_FAIL : Verdict.PASS;
  }

  static ScenarioResult scenario(VerificationResult result, String id) {
    return result.summary().scenarios().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }
}
