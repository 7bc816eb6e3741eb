package org.ipcspec.suite.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;

/**
 * The containers and networks one run makes on the engine, found by the label they all carry, so
 * that they can be removed whatever happened: Testcontainers' own reaper needs an image this
 * machine cannot pull.
 */
final class RunResources {
  /** The label on everything a run makes; its value is the run's id. */
  static final String LABEL = "org.ipcspec.run";

  /** The suite's pid first: a later run removes what a run whose process is gone left. */
  private final String runId = ProcessHandle.current().pid() + "-" + UUID.randomUUID();
  private final DockerClient docker = DockerClientFactory.instance().client();

  String runId() {
    return runId;
  }

  /** Makes an internal network for one scenario: no gateway, nothing outside it. */
  String createInternalNetwork() {
    String name = "ipcspec-" + UUID.randomUUID();
    docker.createNetworkCmd().withName(name).withDriver("bridge").withInternal(true).withLabels(Map.of(LABEL, runId)).exec();
    return name;
  }

  /** Removes a network; one that is already gone is fine, one still in use is a problem to report. */
  void removeNetwork(String name) {
    try {
      docker.removeNetworkCmd(name).exec();
    } catch (NotFoundException e) {
      // Removed already: by the end of its scenario, or by a sweep.
    }
  }

  /**
   * Removes every container and network of this run, running or not. Sweeps again while some are
   * left: a container being removed by its scenario's end holds its network a moment longer.
   */
  void removeAll() {
    Map<String, String> ofThisRun = Map.of(LABEL, runId);
    for (int sweep = 0; sweep < 10 && anyLeft(ofThisRun); sweep++) {
      removeWhere(ofThisRun, true);
      try {
        Thread.sleep(sweep == 0 ? 0 : 300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private boolean anyLeft(Map<String, String> labels) {
    List<String> filter = List.of(LABEL + "=" + labels.get(LABEL));
    return !docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec().isEmpty()
        || !docker.listNetworksCmd().withFilter("label", filter).exec().isEmpty();
  }

  /** Removes what earlier runs left when their suite process ended without cleaning up (killed outright, say). */
  static void removeStale() {
    new RunResources().removeWhere(Map.of(), false);
  }

  private void removeWhere(Map<String, String> labels, boolean ofThisRun) {
    List<String> filter = labels.isEmpty() ? List.of(LABEL) : List.of(LABEL + "=" + labels.get(LABEL));
    for (Container container : docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec()) {
      if (ofThisRun || runEnded(container.getLabels())) {
        try {
          docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException | ConflictException e) {
          // Removed meanwhile, or being removed by its scenario's end.
        }
      }
    }
    // A network can go once the containers on it are gone.
    for (Network network : docker.listNetworksCmd().withFilter("label", filter).exec()) {
      if (ofThisRun || runEnded(network.getLabels())) {
        try {
          removeNetwork(network.getId());
        } catch (RuntimeException e) {
          // Still in use by a container being removed: the next sweep, or the next run, takes it.
        }
      }
    }
  }

  /** Whether the run that labelled a resource has ended: its suite process is gone. */
  private static boolean runEnded(Map<String, String> labels) {
    String run = labels.getOrDefault(LABEL, "");
    String pid = run.contains("-") ? run.substring(0, run.indexOf('-')) : "";
    return !pid.matches("[0-9]+") || ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true);
  }
}
