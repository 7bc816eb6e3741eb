package org.ipcspec.spec.jvm.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.ipcspec.spec.jvm.ImplementationInfo;
import org.ipcspec.spec.jvm.InheritingChildProcesses;
import org.ipcspec.spec.jvm.Pipes;
import org.ipcspec.spec.jvm.ProcessTermination;
import org.ipcspec.spec.jvm.SignalCatching;
import org.ipcspec.spec.jvm.SignalSenderInfo;
import org.ipcspec.spec.jvm.SignalSending;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which capabilities the host claims, from the services a plugin registers. */
public class ProvidersTest {
  @TempDir Path services;

  /** The implementation registered in each test. */
  public static final class Info implements ImplementationInfo {
    @Override
    public String name() {
      return "test";
    }

    @Override
    public String version() {
      return "0";
    }
  }

  /** Implements several interfaces; claims only those it is registered under. */
  public static final class Everything implements Pipes, SignalSending, ProcessTermination, SignalSenderInfo {
    @Override
    public Ends create() {
      return null;
    }

    @Override
    public void send(long pid, String signal) {}

    @Override
    public void probe(long pid) {}

    @Override
    public void terminate(long pid) {}

    @Override
    public void kill(long pid) {}

    @Override
    public void handle(String signal, Action action, Consumer<Delivery> listener) {}
  }

  private ClassLoader registering(Class<?>... interfaces) throws IOException {
    Path dir = Files.createDirectories(services.resolve("META-INF/services"));
    Files.writeString(dir.resolve(ImplementationInfo.class.getName()), Info.class.getName() + "\n");
    for (Class<?> type : interfaces) {
      Files.writeString(dir.resolve(type.getName()), Everything.class.getName() + "\n");
    }
    return new URLClassLoader(new URL[] {services.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void claimsExactlyTheCapabilitiesWhoseInterfacesAreRegistered() throws Exception {
    Providers providers = Providers.load(registering(Pipes.class, ProcessTermination.class));

    assertThat(providers.capabilities()).containsExactly("pipe", "signal.terminate");
    assertThat(providers.info().name()).isEqualTo("test");
  }

  @Test
  void signalTerminateAndSignalSendAreClaimedIndependently() throws Exception {
    Providers providers = Providers.load(registering(SignalSending.class));

    assertThat(providers.capabilities()).containsExactly("signal.send");
  }

  @Test
  void signalInfoWithoutSignalCatchIsRefused() throws Exception {
    ClassLoader loader = registering(SignalSenderInfo.class);

    assertThatThrownBy(() -> Providers.load(loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("signal.info")
        .hasMessageContaining(SignalCatching.class.getName());
  }

  @Test
  void signalInfoWithSignalCatchClaimsBoth() throws Exception {
    Providers providers = Providers.load(registering(SignalSenderInfo.class, SignalCatching.class));

    assertThat(providers.capabilities()).containsExactly("signal.catch", "signal.info");
  }

  @Test
  void processInheritWithoutProcessSpawnIsRefused() {
    InheritingChildProcesses inheriting = (spawn, stdin, stdout, inherit) -> null;

    assertThatThrownBy(() -> Providers.of(Fakes.INFO, inheriting))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("process.inherit").hasMessageContaining("needs process.spawn");
  }

  @Test
  void everyCapabilityButTheNativeOnesHasAnInterfaceAndEachInterfaceClaimsOne() {
    java.util.Set<Class<?>> interfaces = new java.util.HashSet<>();
    for (org.ipcspec.spec.protocol.Capability capability : org.ipcspec.spec.protocol.Capability.values()) {
      if (Providers.NATIVE_ONLY.contains(capability)) {
        assertThat(Providers.interfaceOf(capability)).as(capability.id()).isNull();
        continue;
      }
      Class<?> type = Providers.interfaceOf(capability);
      assertThat(type).as(capability.id()).isNotNull();
      assertThat(type.isInterface()).isTrue();
      assertThat(interfaces.add(type)).as(type.getName() + " claims one capability").isTrue();
    }
  }

  @Test
  void oneClassMayImplementSeveralSocketInterfacesAndClaimsEach() {
    Fakes.FakeSockets sockets = new Fakes.FakeSockets();

    assertThat(Providers.of(Fakes.INFO, sockets).capabilities()).containsExactly(
        "socket.unix.stream", "socket.inet.stream", "socket.inet.datagram", "socket.pair", "socket.peercred", "socket.rights");
  }
}
