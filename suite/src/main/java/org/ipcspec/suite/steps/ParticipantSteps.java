package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import org.ipcspec.suite.agent.OtherUser;
import org.ipcspec.suite.engine.NotApplicable;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.suite.agent.Agent;
import org.ipcspec.suite.agent.HarnessException;

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

  @Given("participant {participant}, running as another user")
  public void participantAsAnotherUser(String name) {
    String unavailable = OtherUser.unavailableBecause();
    if (unavailable != null) {
      throw new NotApplicable("this run cannot start a participant as another user: " + unavailable);
    }
    world.start(List.of(name), OtherUser.NOBODY);
  }

  @When("{participant} exits")
  public void exits(String name) {
    world.agent(name).shutdown();
  }

  @Then("{participant} exits normally")
  public void exitsNormally(String name) {
    Agent agent = world.agent(name);
    agent.shutdown();
    agent.exitStatus().filter(status -> status != 0).ifPresent(status -> {
      throw new AssertionError(name + " exited with status " + status + " after shutdown; expected 0");
    });
  }

  @Then("{participant} ends, killed by {signal}")
  public void endsKilledBy(String name, String signal) {
    if (world.isChild(name)) {
      throw new HarnessException(name + " is a child of " + world.parentOf(name)
          + ": only its parent learns how it ended (\"" + world.parentOf(name) + " sees " + name + " end, killed by ...\")");
    }
    Agent agent = world.agent(name);
    agent.expectEnd();
    if (!agent.awaitEnd(world.timeouts().mustHappen().toMillis())) {
      throw new AssertionError(name + " is still running " + world.timeouts().mustHappen().toMillis()
          + " ms later; the scenario expects " + signal + " to have ended it");
    }
    int status = agent.exitStatus().orElseThrow();
    // The harness waits for its own child through Java, which reports death by signal N as 128 + N.
    if (status != 128 + SignalNumbers.of(signal)) {
      String by = SignalNumbers.fromJavaExitStatus(status);
      throw new AssertionError(name + " ended " + (by != null ? "killed by " + by : "with exit status " + status)
          + "; expected to be killed by " + signal);
    }
  }

  @Then("{participant} is still running")
  public void stillRunning(String name) {
    Agent agent = world.agent(name);
    if (agent.awaitEnd(world.timeouts().mustNotHappen().toMillis())) {
      agent.expectEnd();
      throw new AssertionError(name + " has ended; the scenario expects it to be still running");
    }
    if (!agent.answersPing()) {
      throw new HarnessException(name + "'s agent runs but answers nothing. " + agent.stderrTail());
    }
  }

  @Then("{participant} and {participant} are unrelated processes")
  public void unrelated(String first, String second) {
    ObjectNode a = expect.success(world.submit(first, Operation.PROCESS_INFO));
    ObjectNode b = expect.success(world.submit(second, Operation.PROCESS_INFO));
    for (String name : List.of(first, second)) {
      long reported = (name.equals(first) ? a : b).path("pid").asLong();
      if (reported != world.agent(name).reportedPid()) {
        throw new AssertionError(name + "'s process.info says pid " + reported + ", but its hello said " + world.agent(name).reportedPid());
      }
    }
    // In PID namespaces of their own, two processes can have one number: this machine's view tells them apart.
    long hostA = world.agent(first).hostPid();
    long hostB = world.agent(second).hostPid();
    if (hostA == hostB) {
      throw new AssertionError(first + " and " + second + " must be two processes, but both are pid " + hostA + " on this machine");
    }
    long parentA = ProcessHandle.of(hostA).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
    long parentB = ProcessHandle.of(hostB).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
    if (parentA == hostB || parentB == hostA) {
      throw new AssertionError(first + " (pid " + hostA + " here, parent " + parentA + ") and " + second
          + " (pid " + hostB + " here, parent " + parentB + ") are parent and child");
    }
  }
}
