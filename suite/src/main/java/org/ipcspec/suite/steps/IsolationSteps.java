package org.ipcspec.suite.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ipcspec.suite.agent.Sharing;
import org.ipcspec.suite.engine.NotApplicable;

/**
 * What only participants in containers of their own can show: processes that share no PID
 * namespace, no IPC namespace, or no host. Plain processes share all of these, so there these
 * steps make the scenario NOT_APPLICABLE.
 */
public class IsolationSteps {
  private final ScenarioWorld world;

  public IsolationSteps(ScenarioWorld world) {
    this.world = world;
  }

  @Given("participants {participants}, in separate PID namespaces")
  public void separatePidNamespaces(List<String> names) {
    startSharing(names, sharing -> sharing.without(Sharing.Resource.PID_NAMESPACE));
  }

  @Given("participants {participants}, in separate IPC namespaces")
  public void separateIpcNamespaces(List<String> names) {
    startSharing(names, sharing -> sharing.without(Sharing.Resource.IPC_NAMESPACE));
  }

  @Given("participants {participants}, in separate containers that share an IPC namespace")
  public void sharedIpcNamespace(List<String> names) {
    startSharing(names, sharing -> sharing.with(Sharing.Resource.IPC_NAMESPACE));
  }

  @Given("participants {participants}, on separate hosts of one network")
  public void separateHosts(List<String> names) {
    startSharing(names, Sharing::onSeparateHosts);
  }

  private void startSharing(List<String> names, UnaryOperator<Sharing> change) {
    if (!world.separatesParticipants()) {
      throw new NotApplicable("plain processes of one machine share every namespace: this needs --isolation container");
    }
    world.share(change);
    world.start(names);
  }

  @Then("{participant} and {participant} are in different {namespace} namespaces")
  public void differentNamespaces(String first, String second, String kind) {
    String a = world.agent(first).namespace(kind);
    String b = world.agent(second).namespace(kind);
    if (a.equals(b)) {
      throw new org.ipcspec.suite.agent.HarnessException(first + " and " + second + " are both in " + a + "; the scenario needs them apart");
    }
  }

  @Then("{participant} and {participant} share one {namespace} namespace")
  public void sameNamespace(String first, String second, String kind) {
    String a = world.agent(first).namespace(kind);
    String b = world.agent(second).namespace(kind);
    if (!a.equals(b)) {
      throw new org.ipcspec.suite.agent.HarnessException(first + " is in " + a + " and " + second + " in " + b + "; the scenario needs them together");
    }
  }
}
