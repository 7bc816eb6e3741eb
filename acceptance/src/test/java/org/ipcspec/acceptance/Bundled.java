package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.agent.Timeouts;
import org.ipcspec.suite.engine.Verification;
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

  static VerificationResult verify(PluginDescriptor plugin, Path out) throws IOException {
    return Verification.of(plugin).withOutput(out).run();
  }

  static VerificationResult verify(PluginDescriptor plugin, Path out, String tags, double timeoutScale) throws IOException {
    return Verification.of(plugin).withOutput(out).withTags(tags).withTimeouts(Timeouts.defaults().scaled(timeoutScale)).run();
  }

  /** Scenario IDs by verdict, for messages that show the whole picture when an expectation fails. */
  static Map<Verdict, Set<String>> byVerdict(VerificationResult result) {
    return result.summary().scenarios().stream().collect(Collectors.groupingBy(
        ScenarioResult::verdict, TreeMap::new, Collectors.mapping(ScenarioResult::id, Collectors.toCollection(java.util.TreeSet::new))));
  }

  static ScenarioResult scenario(VerificationResult result, String id) {
    return result.summary().scenarios().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  /** The run directories the suite makes in /tmp, to check that none is left behind. */
  static Set<Path> runDirectories() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of("/tmp"))) {
      return entries.filter(p -> p.getFileName().toString().startsWith("ipcspec-")).collect(Collectors.toSet());
    }
  }

  /** Nothing the suite started may still run, and no run directory of its may remain. */
  static void assertNothingLeftBehind(Set<Path> directoriesBefore) throws IOException {
    List<ProcessHandle> alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    assertThat(alive).as("agent processes left running").isEmpty();
    Set<Path> now = runDirectories();
    now.removeAll(directoriesBefore);
    assertThat(now).as("run directories left in /tmp").isEmpty();
  }
}
