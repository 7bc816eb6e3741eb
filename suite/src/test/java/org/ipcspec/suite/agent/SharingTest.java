package org.ipcspec.suite.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipcspec.suite.agent.Sharing.Resource.EXCHANGE_FOLDER;
import static org.ipcspec.suite.agent.Sharing.Resource.INTERNAL_NETWORK;
import static org.ipcspec.suite.agent.Sharing.Resource.IPC_NAMESPACE;
import static org.ipcspec.suite.agent.Sharing.Resource.NETWORK_NAMESPACE;
import static org.ipcspec.suite.agent.Sharing.Resource.PID_NAMESPACE;

import com.github.dockerjava.api.model.HostConfig;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ipcspec.spec.protocol.Capability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SharingTest {
  @ParameterizedTest(name = "{0} needs {1}")
  @CsvSource(delimiter = '|', value = {
      "fifo                 | EXCHANGE_FOLDER",
      "fifo.create          | EXCHANGE_FOLDER",
      "fs.file              | EXCHANGE_FOLDER",
      "socket.unix.stream   | EXCHANGE_FOLDER",
      "socket.unix.datagram | EXCHANGE_FOLDER",
      "shm.posix            | IPC_NAMESPACE",
      "mq.posix             | IPC_NAMESPACE",
      "msg.sysv             | IPC_NAMESPACE PID_NAMESPACE",
      "signal.send          | PID_NAMESPACE",
      "signal.terminate     | PID_NAMESPACE",
      "socket.peercred      | PID_NAMESPACE",
      "socket.inet.stream   | NETWORK_NAMESPACE",
      "socket.inet.datagram | NETWORK_NAMESPACE",
      "pipe                 | ",
      "socket.pair          | ",
      "mmap                 | ",
      "signal.catch         | ",
      "process.spawn        | "
  })
  void eachCapabilityNeedsOnlyWhatItsMechanismUses(String capability, String resources) {
    Set<Sharing.Resource> expected = EnumSet.noneOf(Sharing.Resource.class);
    if (resources != null) {
      for (String name : resources.trim().split(" ")) {
        expected.add(Sharing.Resource.valueOf(name));
      }
    }
    assertThat(Sharing.neededBy(List.of(Capability.byId(capability).orElseThrow())).resources()).isEqualTo(expected);
  }

  @Test
  void aScenarioNeedsWhatAllItsCapabilitiesNeed() {
    Sharing sharing = Sharing.neededBy(List.of(Capability.FIFO, Capability.SIGNAL_SEND, Capability.PIPE));
    assertThat(sharing.resources()).containsExactlyInAnyOrder(EXCHANGE_FOLDER, PID_NAMESPACE);
    assertThat(sharing.without(PID_NAMESPACE).with(IPC_NAMESPACE).resources()).containsExactlyInAnyOrder(EXCHANGE_FOLDER, IPC_NAMESPACE);
    assertThat(Sharing.neededBy(List.of(Capability.SOCKET_INET_STREAM)).onSeparateHosts().resources()).containsExactly(INTERNAL_NETWORK);
  }

  @Test
  void aHolderIsNeededOnlyForSharedNamespaces() {
    assertThat(new Sharing(Set.of(EXCHANGE_FOLDER)).needsHolder()).isFalse();
    assertThat(new Sharing(Set.of(INTERNAL_NETWORK)).needsHolder()).isFalse();
    assertThat(new Sharing(Set.of(IPC_NAMESPACE)).needsHolder()).isTrue();
    assertThat(new Sharing(Set.of(NETWORK_NAMESPACE)).needsHolder()).isTrue();
  }

  @Test
  void aContainerJoinsWhatIsSharedAndKeepsTheRestToItself() {
    Path exchange = Path.of("/run/s1/exchange");
    HostConfig nothing = new HostConfig();
    ScenarioSpace apart = new ScenarioSpace(exchange, new Sharing(Set.of()));
    apart.configure(nothing);
    assertThat(nothing.getNetworkMode()).isEqualTo("none");
    assertThat(nothing.getIpcMode()).isEqualTo("private");
    assertThat(nothing.getPidMode()).isNull();
    assertThat(apart.tmpfs()).isEqualTo(Map.of("/tmp", "rw,exec", exchange.toString(), "rw,mode=1777"));

    ScenarioSpace hosts = new ScenarioSpace(exchange, new Sharing(Set.of(EXCHANGE_FOLDER, INTERNAL_NETWORK)));
    hosts.network("ipcspec-net");
    HostConfig onNetwork = new HostConfig();
    hosts.configure(onNetwork);
    assertThat(onNetwork.getNetworkMode()).isEqualTo("ipcspec-net");
    assertThat(onNetwork.getIpcMode()).isEqualTo("private");
    assertThat(hosts.tmpfs()).isEqualTo(Map.of("/tmp", "rw,exec"));
  }
}
