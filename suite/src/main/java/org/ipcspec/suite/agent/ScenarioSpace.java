package org.ipcspec.suite.agent;

import com.github.dockerjava.api.model.HostConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;

/**
 * What the containers of one scenario have in common: the {@link Sharing} it asked for, and the
 * holder container and internal network made for it, if it needs them.
 */
final class ScenarioSpace {
  private final Path exchangeFolder;
  private final Sharing sharing;
  /** Owns the namespaces the participants share, so that any of them may end first. */
  private GenericContainer<?> holder;
  private String network;

  ScenarioSpace(Path exchangeFolder, Sharing sharing) {
    this.exchangeFolder = exchangeFolder;
    this.sharing = sharing;
  }

  Sharing sharing() {
    return sharing;
  }

  GenericContainer<?> holder() {
    return holder;
  }

  void holder(GenericContainer<?> holder) {
    this.holder = holder;
  }

  String network() {
    return network;
  }

  void network(String network) {
    this.network = network;
  }

  /** Joins a participant's container to what the scenario shares; the rest stays its own. */
  void configure(HostConfig host) {
    String shared = holder == null ? null : "container:" + holder.getContainerId();
    host.withNetworkMode(sharing.shares(Sharing.Resource.INTERNAL_NETWORK) ? network
        : sharing.shares(Sharing.Resource.NETWORK_NAMESPACE) ? shared : "none");
    host.withIpcMode(sharing.shares(Sharing.Resource.IPC_NAMESPACE) ? shared : "private");
    if (sharing.shares(Sharing.Resource.PID_NAMESPACE)) {
      host.withPidMode(shared);
    }
  }

  /**
   * The tmpfs mounts of a participant's container: its own /tmp, and, unless the scenario shares
   * it, an empty exchange folder of its own over the one the scenario's folder brings along. /tmp
   * allows programs to run from it, as a machine's does (Docker mounts a tmpfs noexec unless told):
   * libraries with native code (junixsocket) unpack it there and load it.
   */
  Map<String, String> tmpfs() {
    Map<String, String> mounts = new LinkedHashMap<>(Map.of("/tmp", "rw,exec"));
    if (!sharing.shares(Sharing.Resource.EXCHANGE_FOLDER)) {
      mounts.put(exchangeFolder.toString(), "rw,mode=1777");
    }
    return mounts;
  }
}
