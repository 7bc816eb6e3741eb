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
import java.util.stream.Stream;
import org.ipcspec.reports.ManualPage;
import org.ipcspec.reports.Mechanism;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.suite.engine.ScenarioTags;

/** Every scenario of the bundled features (class path {@code ipcspec/features/}), by ID. */
public final class Specification {

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
    // The feature's tags belong to each of its scenarios, as Cucumber gives them.
    ScenarioTags tags = ScenarioTags.parse(Stream.concat(feature.getTags().stream(), scenario.getTags().stream()).map(Tag::getName).toList());
    List<String> steps = scenario.getSteps().stream().map(step -> step.getKeyword().trim() + " " + step.getText()).toList();
    return new SpecifiedScenario(tags.id() == null ? "" : tags.id(), tags.level() == null ? "" : tags.level(), scenario.getName(),
        scenario.getDescription() == null ? "" : scenario.getDescription().strip(), feature.getName(), file, scenario.getLocation().getLine(),
        steps, tags.sources().stream().filter(source -> ManualPage.parse(source).isEmpty()).toList(),
        tags.sources().stream().map(ManualPage::parse).flatMap(Optional::stream).toList(),
        tags.requires().stream().map(Capability::id).toList());
  }
}
