package org.ipcspec.spec.jvm.host;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.ipcspec.spec.jvm.FifoMaker;
import org.ipcspec.spec.jvm.Fifos;
import org.ipcspec.spec.jvm.FileRemover;
import org.ipcspec.spec.jvm.FileStatusReader;
import org.ipcspec.spec.jvm.ImplementationInfo;
import org.ipcspec.spec.jvm.NonBlockingFifos;
import org.ipcspec.spec.protocol.Capability;

/** The SPI implementations found on the class path, one interface per capability. */
final class Providers {
  private static final Map<Capability, Class<?>> INTERFACES = new EnumMap<>(Capability.class);

  static {
    INTERFACES.put(Capability.FIFO, Fifos.class);
    INTERFACES.put(Capability.FIFO_NONBLOCKING, NonBlockingFifos.class);
    INTERFACES.put(Capability.FIFO_CREATE, FifoMaker.class);
    INTERFACES.put(Capability.FS_STAT, FileStatusReader.class);
    INTERFACES.put(Capability.FS_UNLINK, FileRemover.class);
  }

  private final ImplementationInfo info;
  private final Map<Capability, Object> found = new EnumMap<>(Capability.class);

  private Providers(ClassLoader loader) {
    List<ImplementationInfo> infos =
        ServiceLoader.load(ImplementationInfo.class, loader).stream()
            .map(ServiceLoader.Provider::get)
            .collect(Collectors.toList());
    if (infos.size() != 1) {
      throw new IllegalStateException(
          "expected exactly one " + ImplementationInfo.class.getName() + " service, found " + infos.size());
    }
    info = infos.get(0);
    INTERFACES.forEach(
        (capability, type) ->
            ServiceLoader.load(type, loader).findFirst().ifPresent(p -> found.put(capability, p)));
  }

  static Providers load(ClassLoader loader) {
    return new Providers(loader);
  }

  ImplementationInfo info() {
    return info;
  }

  List<String> capabilities() {
    return found.keySet().stream().map(Capability::id).collect(Collectors.toList());
  }

  <T> Optional<T> get(Capability capability, Class<T> type) {
    return Optional.ofNullable(found.get(capability)).map(type::cast);
  }
}
