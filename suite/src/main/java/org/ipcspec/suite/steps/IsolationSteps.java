package org.ipcspec.suite.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.Sharing;

/**
 * What only participants in containers of their own can show: processes that share no PID
 * namespace, no IPC namespace, or no host. Plain processes share all of these, so the scenarios
 * that use these steps are tagged @isolation, and NOT_APPLICABLE there (see Hooks).
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
    if (!world.tagged("isolation")) {
      throw new HarnessException("a scenario that chooses what its participants share must be tagged @isolation");
    }
    world.share(change);
    world.start(names);
  }

  @Then("{participant} and {participant} are in different {namespace} namespaces")
  public void differentNamespaces(String first, String second, String kind) {
    if (namespace(first, kind).equals(namespace(second, kind))) {
      throw new HarnessException(first + " and " + second + " are both in " + namespace(first, kind) + "; the scenario needs them apart");
    }
  }

  @Then("{participant} and {participant} share one {namespace} namespace")
  public void sameNamespace(String first, String second, String kind) {
    if (!namespace(first, kind).equals(namespace(second, kind))) {
      throw new HarnessException(first + " is in " + namespace(first, kind) + " and " + second + " in " + namespace(second, kind)
          + "; the scenario needs them together");
    }
  }

  /** The harness set the namespaces up: a participant in the wrong one is the harness's error, not the plugin's. */
  private String namespace(String participant, String kind) {
    return world.agent(participant).namespace(kind);
  }
}
