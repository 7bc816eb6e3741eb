package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.Map;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.suite.agent.Agent;
import org.ipcspec.suite.agent.AgentSlot;
import org.ipcspec.suite.agent.HarnessException;

/** Child participants: spawning them with what they inherit, and how they end. */
public class ProcessSteps {
  private final ScenarioWorld world;
  private final Expectations expect;

  public ProcessSteps(ScenarioWorld world, Expectations expect) {
    this.world = world;
    this.expect = expect;
  }

  @Given("{participant} has spawned the child {participant}")
  public void spawns(String parent, String child) {
    spawn(parent, child, Json.args(), Map.of());
  }

  @Given("{participant} has spawned the child {participant}, with a pipe to its standard input")
  public void spawnsWithInput(String parent, String child) {
    spawn(parent, child, Json.args().put("stdin", "pipe"), Map.of());
  }

  @Given("{participant} has spawned the child {participant}, with a pipe from its standard output")
  public void spawnsWithOutput(String parent, String child) {
    spawn(parent, child, Json.args().put("stdout", "pipe"), Map.of());
  }

  @Given("{participant} has spawned the child {participant}, which inherits {string}")
  public void spawnsInheriting(String parent, String child, String name) {
    world.requireDeclared(Capability.PROCESS_INHERIT);
    Map<String, String> inherited = world.handlesOf(parent, name);
    if (inherited.isEmpty()) {
      throw new HarnessException(parent + " holds nothing called \"" + name + "\" to pass on");
    }
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    inherited.values().forEach(list::add);
    ObjectNode args = Json.args();
    args.set("inherit", list);
    spawn(parent, child, args, inherited);
  }

  @Given("{participant} has spawned the child {participant}, whose standard input is {string}")
  public void spawnsWithInputFrom(String parent, String child, String name) {
    world.requireDeclared(Capability.PROCESS_INHERIT);
    spawn(parent, child, Json.args().put("stdin", world.handle(parent, name, ScenarioWorld.End.READ)), Map.of());
  }

  private void spawn(String parent, String child, ObjectNode args, Map<String, String> inherited) {
    Agent parentAgent = world.agent(parent);
    AgentSlot slot = AgentSlot.open(child, world.directory(), world.plugin().control());
    ObjectNode result;
    try {
      args.put("participant", child).put("control", slot.address()).put("scratch", slot.scratch().toString());
      if (slot.overTcp()) {
        args.put("token", slot.token());
      }
      result = expect.success(world.submit(parent, Operation.PROCESS_SPAWN, args));
    } catch (RuntimeException | AssertionError e) {
      slot.close();
      throw e;
    }
    if (!result.path("pid").canConvertToLong() || result.path("pid").asLong() <= 0) {
      slot.close();
      throw new HarnessException(parent + "'s agent answered process.spawn without a pid: " + result);
    }
    Agent agent = Agent.adopt(world.plugin(), slot, result.get("pid").asLong(), parentAgent);
    world.addChild(agent, parent);
    for (String stream : new String[] {"stdin", "stdout"}) {
      if ("pipe".equals(args.path(stream).asText()) && !result.path(stream).isTextual()) {
        throw new HarnessException(parent + "'s agent asked for a pipe to " + child + "'s " + stream
            + " answered process.spawn without its handle: " + result);
      }
    }
    if (result.path("stdin").isTextual()) {
      world.putHandle(parent, child, ScenarioWorld.End.WRITE, result.get("stdin").asText());
    }
    if (result.path("stdout").isTextual()) {
      world.putHandle(parent, child, ScenarioWorld.End.READ, result.get("stdout").asText());
    }
    world.copyHandles(child, inherited);
  }

  @Then("{participant} is a child of {participant}")
  public void isChildOf(String child, String parent) {
    long ppid = expect.success(world.submit(child, Operation.PROCESS_INFO)).path("ppid").asLong();
    long parentPid = expect.success(world.submit(parent, Operation.PROCESS_INFO)).path("pid").asLong();
    if (ppid != parentPid) {
      throw new AssertionError(child + "'s parent is pid " + ppid + ", not " + parent + " (pid " + parentPid + ")");
    }
  }

  @Then("{participant} sees {participant} end, killed by {signal}")
  public void seesChildKilled(String parent, String child, String signal) {
    ObjectNode status = waitFor(parent, child);
    if (!signal.equals(status.path("signal").asText(null))) {
      throw new AssertionError(parent + " sees " + child + " end with " + status + "; expected death by " + signal);
    }
  }

  @Then("{participant} sees {participant} exit with status {int}")
  public void seesChildExit(String parent, String child, int exitStatus) {
    ObjectNode status = waitFor(parent, child);
    if (!status.has("exitStatus") || status.get("exitStatus").asInt() != exitStatus) {
      throw new AssertionError(parent + " sees " + child + " end with " + status + "; expected exit status " + exitStatus);
    }
  }

  private ObjectNode waitFor(String parent, String child) {
    if (!parent.equals(world.parentOf(child))) {
      throw new HarnessException(child + " is not a child of " + parent + " in this scenario");
    }
    Agent agent = world.agent(child);
    agent.expectEnd();
    var wait = world.submit(parent, Operation.PROCESS_WAIT, Json.args().put("pid", agent.reportedPid()));
    if (!agent.awaitEnd(world.timeouts().mustHappen().toMillis())) {
      throw new AssertionError(child + " is still running " + world.timeouts().mustHappen().toMillis()
          + " ms later; the scenario expects it to have ended");
    }
    return expect.success(wait);
  }

}
