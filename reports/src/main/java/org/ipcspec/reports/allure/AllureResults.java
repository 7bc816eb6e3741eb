package org.ipcspec.reports.allure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ipcspec.reports.ManualPage;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.Verdict;
import org.ipcspec.reports.history.SequenceDiagram;

/**
 * Adds to a run's {@code allure-results/} (written by Allure's Cucumber plugin) what ipcspec
 * knows and Allure does not: the verdict (NOT_APPLICABLE is skipped, ERROR broken, a declared
 * deviation a known failure with its reason), the plugin, the mechanism, the requirement level as
 * severity, the manual pages as links, the history drawn as a sequence diagram (also written to
 * {@code diagrams/ID.svg} beside the results); plus the environment panel and verdict categories.
 * Each result is made the plugin's own, so that several plugins fit in one report.
 */
public final class AllureResults {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("(?!SEED-)[A-Z]+-\\d+");
  /** Labels ipcspec sets itself; Cucumber's own are replaced. */
  private static final Set<String> OURS = Set.of("parentSuite", "suite", "subSuite", "epic", "severity");

  private AllureResults() {}

  public static void enrich(Path results, RunSummary summary) throws IOException {
    Map<String, ScenarioResult> byId = summary.scenarios().stream()
        .collect(Collectors.toMap(ScenarioResult::id, Function.identity(), (a, b) -> a));
    Map<String, ObjectNode> byUuid = new HashMap<>();
    Map<String, Path> fileOf = new HashMap<>();
    Map<String, String> idOf = new HashMap<>();
    for (Path file : files(results, "-result.json")) {
      JsonNode read;
      try {
        read = JSON.readTree(file.toFile());
      } catch (IOException e) {
        continue; // half written by a scenario an interrupt stopped: left as it is
      }
      if (!(read instanceof ObjectNode result)) {
        continue;
      }
      ScenarioResult scenario = scenarioOf(result, byId);
      if (scenario != null) {
        enrich(result, scenario, summary.plugin());
        String uuid = result.path("uuid").asText();
        byUuid.put(uuid, result);
        fileOf.put(uuid, file);
        idOf.put(uuid, scenario.id());
      }
    }
    // The history is attached by an After hook, so it sits in the scenario's container.
    Path diagrams = results.resolveSibling("diagrams");
    for (Path file : files(results, "-container.json")) {
      JsonNode container = JSON.readTree(file.toFile());
      for (JsonNode child : container.path("children")) {
        ObjectNode result = byUuid.get(child.asText());
        Path history = historyOf(results, container);
        if (result == null || history == null) {
          continue;
        }
        String svg = SequenceDiagram.render(Files.readAllBytes(history));
        String source = UUID.randomUUID() + "-attachment.svg";
        Files.writeString(results.resolve(source), svg, StandardCharsets.UTF_8);
        result.withArray("attachments").addObject().put("name", "sequence diagram").put("source", source).put("type", "image/svg+xml");
        Files.createDirectories(diagrams);
        Files.writeString(diagrams.resolve(idOf.get(child.asText()) + ".svg"), svg, StandardCharsets.UTF_8);
      }
    }
    for (Map.Entry<String, ObjectNode> result : byUuid.entrySet()) {
      JSON.writerWithDefaultPrettyPrinter().writeValue(fileOf.get(result.getKey()).toFile(), result.getValue());
    }
    Files.writeString(results.resolve("environment.properties"), environment(summary), StandardCharsets.ISO_8859_1);
    Files.writeString(results.resolve("categories.json"), CATEGORIES, StandardCharsets.UTF_8);
  }

  private static List<Path> files(Path folder, String suffix) throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static Path historyOf(Path results, JsonNode container) {
    for (JsonNode fixture : container.path("afters")) {
      for (JsonNode attachment : fixture.path("attachments")) {
        if (attachment.path("name").asText().equals("history.json")) {
          Path file = results.resolve(attachment.path("source").asText());
          return Files.isRegularFile(file) ? file : null;
        }
      }
    }
    return null;
  }

  private static ScenarioResult scenarioOf(ObjectNode result, Map<String, ScenarioResult> byId) {
    for (JsonNode label : result.path("labels")) {
      if (label.path("name").asText().equals("tag") && ID.matcher(label.path("value").asText()).matches()) {
        return byId.get(label.path("value").asText());
      }
    }
    return null;
  }

  private static void enrich(ObjectNode result, ScenarioResult scenario, RunSummary.PluginInfo plugin) {
    // Cucumber's ids come from the feature file alone: two plugins' results would be one test.
    result.put("historyId", md5(plugin.id() + "/" + result.path("historyId").asText()));
    result.put("testCaseId", md5(plugin.id() + "/" + result.path("testCaseId").asText()));
    result.put("name", scenario.id() + " " + scenario.title());
    ArrayNode labels = result.withArray("labels");
    for (int i = labels.size() - 1; i >= 0; i--) {
      if (OURS.contains(labels.get(i).path("name").asText())) {
        labels.remove(i);
      }
    }
    label(labels, "parentSuite", plugin.name() + " (" + plugin.id() + ")");
    label(labels, "suite", scenario.mechanism().id());
    label(labels, "epic", scenario.mechanism().id());
    label(labels, "severity", switch (scenario.level()) {
      case "must" -> "critical";
      case "should" -> "normal";
      default -> "minor";
    });
    ArrayNode parameters = result.withArray("parameters");
    parameter(parameters, "plugin", plugin.id() + " " + plugin.version());
    parameter(parameters, "scenario", scenario.id());
    parameter(parameters, "level", scenario.level());
    parameter(parameters, "sources", String.join(", ", scenario.sources()));
    ArrayNode links = result.withArray("links");
    scenario.sources().stream().map(ManualPage::parse).flatMap(Optional::stream)
        .forEach(page -> links.addObject().put("name", page.toString()).put("type", "link").put("url", page.url()));
    result.put("status", status(scenario.verdict()));
    ObjectNode details = result.with("statusDetails");
    details.put("known", scenario.verdict() == Verdict.EXPECTED_FAIL);
    String reason = scenario.message(); // for a deviation, it starts with the declared reason
    if (scenario.verdict() == Verdict.PASS) {
      details.remove("message");
    } else {
      details.put("message", "[" + scenario.verdict() + "] " + reason);
    }
  }

  private static String status(Verdict verdict) {
    return switch (verdict) {
      case PASS, UNEXPECTED_PASS -> "passed";
      case FAIL, EXPECTED_FAIL -> "failed";
      case ERROR -> "broken";
      case NOT_APPLICABLE -> "skipped";
    };
  }

  private static void label(ArrayNode labels, String name, String value) {
    labels.addObject().put("name", name).put("value", value);
  }

  private static void parameter(ArrayNode parameters, String name, String value) {
    parameters.addObject().put("name", name).put("value", value);
  }

  private static String environment(RunSummary summary) {
    RunSummary.Environment e = summary.environment();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("Plugin", summary.plugin().name() + " " + summary.plugin().version() + " (" + summary.plugin().id() + ")");
    values.put("OS", e.os() + " " + e.kernel() + " " + e.arch());
    values.put("libc", String.valueOf(e.libc()));
    values.put("Java", e.java());
    values.put("Isolation", e.isolation());
    values.put("ipcspec", String.valueOf(summary.suiteVersion()));
    StringBuilder out = new StringBuilder();
    values.forEach((key, value) -> out.append(key).append(" = ").append(propertiesValue(value)).append('\n'));
    return out.toString();
  }

  /** A value as a .properties file (ISO-8859-1) holds it: backslashes doubled, the rest of Unicode as \\uXXXX. */
  private static String propertiesValue(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c == '\\') {
        out.append("\\\\");
      } else if (c > 0xFF) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has MD5", e);
    }
  }

  /** Allure's categories, one a verdict that is not PASS; messages start with the verdict in brackets. */
  private static final String CATEGORIES = """
      [
        {"name": "FAIL: the behaviour differs from the specification", "matchedStatuses": ["failed"], "messageRegex": "(?s)\\\\[FAIL\\\\].*"},
        {"name": "EXPECTED_FAIL: declared deviations", "matchedStatuses": ["failed"], "messageRegex": "(?s)\\\\[EXPECTED_FAIL\\\\].*"},
        {"name": "UNEXPECTED_PASS: a declared deviation that no longer happens", "matchedStatuses": ["passed"], "messageRegex": "(?s)\\\\[UNEXPECTED_PASS\\\\].*"},
        {"name": "ERROR: no verdict (harness, crash, timeout)", "matchedStatuses": ["broken"]},
        {"name": "NOT_APPLICABLE: capability not claimed", "matchedStatuses": ["skipped"]}
      ]
      """;
}
