package org.ipcspec.suite.agent;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.spec.protocol.Hello;
import org.ipcspec.spec.protocol.ProtocolVersion;
import org.ipcspec.suite.plugin.PluginDescriptor;

/** What an agent's hello must say: this protocol version, and the claims of its descriptor. */
final class HelloCheck {
  private HelloCheck() {}

  static void check(PluginDescriptor plugin, String participant, Hello hello) {
    if (hello.protocol() != ProtocolVersion.CURRENT) {
      throw new HarnessException(participant + "'s agent speaks protocol version " + hello.protocol()
          + ", this suite speaks version " + ProtocolVersion.CURRENT);
    }
    Set<String> claimed = plugin.capabilities().stream().map(Capability::id).collect(Collectors.toCollection(TreeSet::new));
    Set<String> said = new TreeSet<>(hello.capabilities());
    if (!claimed.equals(said)) {
      throw new HarnessException(participant + "'s agent claims capabilities " + said + " but "
          + plugin.file() + " claims " + claimed + ": the descriptor is what is certified, they must agree");
    }
  }
}
