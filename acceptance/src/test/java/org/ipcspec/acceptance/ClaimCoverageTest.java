package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ipcspec.suite.features.Claims;
import org.ipcspec.suite.features.Specification;
import org.ipcspec.suite.features.SpecifiedScenario;
import org.junit.jupiter.api.Test;

/** The coverage table of features/README.md says exactly which scenarios carry each claim's tag. */
class ClaimCoverageTest {
  private static final Pattern SCENARIO_ID = Pattern.compile("@((?!SEED-)[A-Z]+-\\d+)\\b");
  private static final Pattern CLAIM = Pattern.compile("@(SEED-[A-Z]+-\\d+)\\b");
  private static final Pattern ROW = Pattern.compile("^\\| (SEED-[A-Z]+-\\d+) \\| ([^|]+) \\|$", Pattern.MULTILINE);

  @Test
  void theCoverageTableMatchesTheClaimTagsOfTheFeatures() throws IOException {
    assertThat(table()).isEqualTo(tagged());
  }

  /**
   * Every claim of the article: IPC in general, message passing, shared memory, signals, pipes,
   * FIFOs, DDE, OLE and sockets (shared/spec-sources/seed-claims.md, which a clone of this
   * repository does not carry): each must be a tag on some scenario.
   */
  private static final Map<String, Integer> SPECIFIED_CLAIMS = Map.of(
      "IPC", 2, "MP", 8, "SHM", 4, "SIG", 4, "PIPE", 4, "FIFO", 5, "DDE", 5, "OLE", 3, "SOCK", 7);

  @Test
  void everyClaimOfASpecifiedMethodIsCheckedBySomeScenario() throws IOException {
    Map<String, Set<String>> tagged = tagged();
    List<String> unchecked = new ArrayList<>();
    SPECIFIED_CLAIMS.forEach((family, count) -> {
      for (int n = 1; n <= count; n++) {
        if (!tagged.containsKey("SEED-" + family + "-" + n)) {
          unchecked.add("SEED-" + family + "-" + n);
        }
      }
    });
    assertThat(unchecked).as("claims no scenario carries").isEmpty();
  }

  @Test
  void everyClaimAScenarioCitesHasItsTextInTheClaimsFile() throws IOException {
    Claims claims = Claims.bundled();
    assertThat(tagged().keySet()).allSatisfy(claim -> assertThat(claims.text(claim)).as("text of " + claim + " in features/claims.md").isPresent());
  }

  @Test
  void theSpecificationReadsEveryScenarioOfTheFeatures() throws IOException {
    List<SpecifiedScenario> scenarios = Specification.bundled().scenarios();
    assertThat(scenarios).extracting(SpecifiedScenario::id)
        .doesNotHaveDuplicates().doesNotContain("").containsExactlyInAnyOrderElementsOf(scenarioIds());
    assertThat(scenarios).allSatisfy(s -> assertThat(s.level()).isIn("must", "should", "may"));
  }

  /** The scenario IDs on the tag lines of every feature file, read as plain text. */
  private static List<String> scenarioIds() throws IOException {
    List<String> ids = new ArrayList<>();
    try (Stream<Path> files = Files.list(Bundled.home().resolve("features"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".feature")).toList()) {
        for (String line : Files.readAllLines(file)) {
          Matcher id = SCENARIO_ID.matcher(line);
          if (line.trim().startsWith("@") && id.find()) {
            ids.add(id.group(1));
          }
        }
      }
    }
    return ids;
  }

  /** Claim to scenario IDs, from the tag lines of every feature file. */
  private static Map<String, Set<String>> tagged() throws IOException {
    Map<String, Set<String>> coverage = new TreeMap<>();
    try (Stream<Path> files = Files.list(Bundled.home().resolve("features"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".feature")).toList()) {
        for (String line : Files.readAllLines(file)) {
          Matcher id = SCENARIO_ID.matcher(line);
          if (!line.trim().startsWith("@") || !id.find()) {
            continue;
          }
          Matcher claim = CLAIM.matcher(line);
          while (claim.find()) {
            coverage.computeIfAbsent(claim.group(1), c -> new TreeSet<>()).add(id.group(1));
          }
        }
      }
    }
    return coverage;
  }

  private static Map<String, Set<String>> table() throws IOException {
    Map<String, Set<String>> coverage = new TreeMap<>();
    Matcher row = ROW.matcher(Files.readString(Bundled.home().resolve("features/README.md")));
    while (row.find()) {
      Set<String> ids = new TreeSet<>();
      for (String id : row.group(2).split(",")) {
        ids.add(id.trim().replaceFirst(" .*", ""));
      }
      coverage.put(row.group(1), ids);
    }
    return coverage;
  }
}
