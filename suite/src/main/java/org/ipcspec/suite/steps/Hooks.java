package org.ipcspec.suite.steps;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Set;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.suite.agent.Agent;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.History;
import org.ipcspec.suite.engine.CapabilityNotClaimed;
import org.ipcspec.suite.engine.NotApplicable;
import org.ipcspec.suite.engine.ScenarioTags;

/** Opens and closes every scenario: applicability first, and nothing left behind after. */
public class Hooks {
  private final ScenarioWorld world;

  public Hooks(ScenarioWorld world) {
    this.world = world;
  }

  @Before
  public void begin(Scenario scenario) throws IOException {
    ScenarioTags tags = ScenarioTags.parse(scenario.getSourceTagNames());
    tags.problem().ifPresent(problem -> {
      throw new HarnessException(problem);
    });
    Set<Capability> missing = EnumSet.noneOf(Capability.class);
    tags.requires().stream().filter(c -> !world.plugin().claims(c)).forEach(missing::add);
    if (!missing.isEmpty()) {
      throw new CapabilityNotClaimed("needs " + missing + ", which plugin " + world.plugin().id() + " does not claim");
    }
    world.pluginMissingHere().ifPresent(lacking -> {
      throw new NotApplicable("not runnable on this machine: " + lacking);
    });
    String unavailable = world.launcherUnavailable();
    if (unavailable != null) {
      throw new NotApplicable("this run cannot start participants in containers: " + unavailable);
    }
    if (tags.all().contains("isolation") && !world.separatesParticipants()) {
      throw new NotApplicable("an @isolation scenario needs each participant in a container of its own (--isolation container)");
    }
    world.begin(tags);
    world.history().bindToThisThread();
  }

  @After
  public void end(Scenario scenario) {
    History.unbindThisThread();
    if (world.directory() == null) {
      return; // the scenario never began
    }
    HarnessException problem;
    try {
      attachEvidence(scenario);
    } finally {
      problem = world.end();
    }
    if (problem != null && !scenario.isFailed()) {
      throw problem;
    }
  }

  /** The history and every agent's stderr, for whoever reads the results. */
  private void attachEvidence(Scenario scenario) {
    scenario.attach(world.history().toJson(), "application/json", "history.json");
    for (Agent agent : world.agents()) {
      try {
        byte[] stderr = Files.readAllBytes(agent.stderrFile());
        if (stderr.length > 0) {
          scenario.attach(stderr, "text/plain", agent.participant() + " stderr");
        }
      } catch (IOException e) {
        // Attached when it can be; the verdict does not depend on it.
      }
    }
  }
}
