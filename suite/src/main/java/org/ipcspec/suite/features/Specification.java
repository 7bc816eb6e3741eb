package org.ipcspec.suite.features;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Feature;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.Scenario;
import io.cucumber.messages.types.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ipcspec.reports.Mechanism;

/** Every scenario of the bundled features (class path {@code ipcspec/features/}), by ID. */
public final class Specification {
  private static final Pattern ID = Pattern.compile("[A-Z]+-\\d+");
  private static final Pattern CLAIM = Pattern.compile("SEED-[A-Z]+-\\d+");
  private static final Pattern MANUAL_PAGE = Pattern.compile("[a-z_0-9.]+\\([0-9][a-z]*\\)");
  private static final List<String> LEVELS = List.of("must", "should", "may");

  private final List<SpecifiedScenario> scenarios;

  private Specification(List<SpecifiedScenario> scenarios) {
    this.scenarios = List.copyOf(scenarios);
  }

  /** The features bundled with this suite: one file a mechanism, where it has one. */
  public static Specification bundled() {
    List<SpecifiedScenario> all = new ArrayList<>();
    GherkinParser parser = GherkinParser.builder().includeSource(false).includePickles(false).build();
    for (Mechanism mechanism : Mechanism.values()) {
      String file = mechanism.id() + ".feature";
      try (InputStream in = Specification.class.getResourceAsStream("/ipcspec/features/" + file)) {
        if (in == null) {
          continue;
        }
        parser.parse(file, in).map(Envelope::getGherkinDocument).flatMap(Optional::stream)
            .map(document -> document.getFeature()).flatMap(Optional::stream)
            .forEach(feature -> all.addAll(scenarios(feature, file)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the feature " + file, e);
      }
    }
    return new Specification(all);
  }

  public List<SpecifiedScenario> scenarios() {
    return scenarios;
  }

  public Optional<SpecifiedScenario> scenario(String id) {
    return scenarios.stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst();
  }

  private static List<SpecifiedScenario> scenarios(Feature feature, String file) {
    List<SpecifiedScenario> found = new ArrayList<>();
    for (FeatureChild child : feature.getChildren()) {
      child.getScenario().ifPresent(scenario -> found.add(specified(scenario, feature, file)));
    }
    return found;
  }

  private static SpecifiedScenario specified(Scenario scenario, Feature feature, String file) {
    List<String> tags = scenario.getTags().stream().map(Tag::getName).map(name -> name.substring(1)).toList();
    String id = tags.stream().filter(t -> ID.matcher(t).matches() && !t.startsWith("SEED-")).findFirst().orElse("");
    String level = tags.stream().filter(LEVELS::contains).findFirst().orElse("");
    List<String> steps = scenario.getSteps().stream().map(step -> step.getKeyword().trim() + " " + step.getText()).toList();
    return new SpecifiedScenario(id, level, scenario.getName(), scenario.getDescription() == null ? "" : scenario.getDescription().strip(),
        feature.getName(), file, scenario.getLocation().getLine(), steps,
        tags.stream().filter(t -> CLAIM.matcher(t).matches()).toList(),
        tags.stream().filter(t -> MANUAL_PAGE.matcher(t).matches()).toList(),
        Stream.concat(feature.getTags().stream().map(Tag::getName).map(name -> name.substring(1)), tags.stream())
            .filter(t -> t.startsWith("requires:")).map(t -> t.substring("requires:".length())).distinct().toList());
  }
}
