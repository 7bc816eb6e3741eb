package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import org.ipcspec.spec.protocol.Operation;

/** Participants: starting them, stopping them, and what they are to each other. */
public class ParticipantSteps {
  private final ScenarioWorld world;
  private final Expectations expect;

  public ParticipantSteps(ScenarioWorld world, Expectations expect) {
    this.world = world;
    this.expect = expect;
  }

  @Given("participant {participant}")
  public void participant(String name) {
    world.start(List.of(name));
  }

  @Given("participants {participants}")
  public void participants(List<String> names) {
    world.start(names);
  }

  @When("{participant} exits")
  public void exits(String name) {
    world.agent(name).shutdown();
  }

  @Then("{participant} and {participant} are unrelated processes")
  public void unrelated(String first, String second) {
    ObjectNode a = expect.success(world.submit(first, Operation.PROCESS_INFO));
    ObjectNode b = expect.success(world.submit(second, Operation.PROCESS_INFO));
    long pidA = a.path("pid").asLong();
    long pidB = b.path("pid").asLong();
    if (pidA <= 0 || pidB <= 0 || pidA == pidB) {
      throw new AssertionError(first + " and " + second + " must be two processes, but report pids " + pidA + " and " + pidB);
    }
    if (a.path("ppid").asLong() == pidB || b.path("ppid").asLong() == pidA) {
      throw new AssertionError(first + " (pid " + pidA + ", parent " + a.path("ppid") + ") and " + second
          + " (pid " + pidB + ", parent " + b.path("ppid") + ") are parent and child");
    }
  }
}
