package org.ipcspec.spec.jvm.host;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.ipcspec.spec.jvm.Broadcasts;
import org.ipcspec.spec.jvm.ChildProcesses;
import org.ipcspec.spec.jvm.DescriptorPassing;
import org.ipcspec.spec.jvm.FifoMaker;
import org.ipcspec.spec.jvm.Fifos;
import org.ipcspec.spec.jvm.FileRemover;
import org.ipcspec.spec.jvm.FileStatusReader;
import org.ipcspec.spec.jvm.HandleStatusReader;
import org.ipcspec.spec.jvm.ImplementationInfo;
import org.ipcspec.spec.jvm.InetDatagramSockets;
import org.ipcspec.spec.jvm.InetStreamSockets;
import org.ipcspec.spec.jvm.InheritedHandles;
import org.ipcspec.spec.jvm.InheritingChildProcesses;
import org.ipcspec.spec.jvm.MemoryMapping;
import org.ipcspec.spec.jvm.NonBlockingFifos;
import org.ipcspec.spec.jvm.NonBlockingSwitch;
import org.ipcspec.spec.jvm.PeerCredentials;
import org.ipcspec.spec.jvm.Pipes;
import org.ipcspec.spec.jvm.MessageRings;
import org.ipcspec.spec.jvm.PosixMessageQueues;
import org.ipcspec.spec.jvm.ProcessTermination;
import org.ipcspec.spec.jvm.RegularFiles;
import org.ipcspec.spec.jvm.SharedMemoryObjects;
import org.ipcspec.spec.jvm.SignalCatching;
import org.ipcspec.spec.jvm.SignalMask;
import org.ipcspec.spec.jvm.SignalQueue;
import org.ipcspec.spec.jvm.SignalSenderInfo;
import org.ipcspec.spec.jvm.SignalSending;
import org.ipcspec.spec.jvm.SocketPairs;
import org.ipcspec.spec.jvm.SystemVMessageQueues;
import org.ipcspec.spec.jvm.UnixDatagramSockets;
import org.ipcspec.spec.jvm.UnixStreamSockets;
import org.ipcspec.spec.protocol.Capability;

/**
 * The SPI implementations found on the class path, one interface per capability. A capability is
 * claimed exactly when an implementation of its interface is registered.
 */
final class Providers {
  private static final Map<Capability, Class<?>> INTERFACES = new EnumMap<>(Capability.class);

  static {
    INTERFACES.put(Capability.FIFO, Fifos.class);
    INTERFACES.put(Capability.FIFO_NONBLOCKING, NonBlockingFifos.class);
    INTERFACES.put(Capability.FIFO_CREATE, FifoMaker.class);
    INTERFACES.put(Capability.FS_STAT, FileStatusReader.class);
    INTERFACES.put(Capability.FS_UNLINK, FileRemover.class);
    INTERFACES.put(Capability.PIPE, Pipes.class);
    INTERFACES.put(Capability.PIPE_NONBLOCKING, NonBlockingSwitch.class);
    INTERFACES.put(Capability.HANDLE_STAT, HandleStatusReader.class);
    INTERFACES.put(Capability.PROCESS_SPAWN, ChildProcesses.class);
    INTERFACES.put(Capability.PROCESS_INHERIT, InheritingChildProcesses.class);
    INTERFACES.put(Capability.SIGNAL_CATCH, SignalCatching.class);
    INTERFACES.put(Capability.SIGNAL_INFO, SignalSenderInfo.class);
    INTERFACES.put(Capability.SIGNAL_SEND, SignalSending.class);
    INTERFACES.put(Capability.SIGNAL_TERMINATE, ProcessTermination.class);
    INTERFACES.put(Capability.SIGNAL_MASK, SignalMask.class);
    INTERFACES.put(Capability.SIGNAL_QUEUE, SignalQueue.class);
    INTERFACES.put(Capability.SOCKET_UNIX_STREAM, UnixStreamSockets.class);
    INTERFACES.put(Capability.SOCKET_UNIX_DATAGRAM, UnixDatagramSockets.class);
    INTERFACES.put(Capability.SOCKET_INET_STREAM, InetStreamSockets.class);
    INTERFACES.put(Capability.SOCKET_INET_DATAGRAM, InetDatagramSockets.class);
    INTERFACES.put(Capability.SOCKET_PAIR, SocketPairs.class);
    INTERFACES.put(Capability.SOCKET_PEERCRED, PeerCredentials.class);
    INTERFACES.put(Capability.SOCKET_RIGHTS, DescriptorPassing.class);
    INTERFACES.put(Capability.FS_FILE, RegularFiles.class);
    INTERFACES.put(Capability.SHM_POSIX, SharedMemoryObjects.class);
    INTERFACES.put(Capability.MMAP, MemoryMapping.class);
    INTERFACES.put(Capability.MQ_POSIX, PosixMessageQueues.class);
    INTERFACES.put(Capability.MSG_SYSV, SystemVMessageQueues.class);
    INTERFACES.put(Capability.MSG_RING, MessageRings.class);
    INTERFACES.put(Capability.MSG_BROADCAST, Broadcasts.class);
  }

  /** Windows mechanisms: served by native agents (plugins/wine); the JVM has no API for them. */
  static final Set<Capability> NATIVE_ONLY =
      EnumSet.of(Capability.DDE, Capability.OLE_STORAGE, Capability.OLE_EMBED, Capability.OLE_LINK);

  /** The SPI interface whose implementation claims the capability; null for a native-only one. */
  static Class<?> interfaceOf(Capability capability) {
    return INTERFACES.get(capability);
  }

  /** Capabilities that mean nothing without another: the first needs the second. */
  private static final Map<Capability, Capability> PREREQUISITES = Map.of(
      Capability.PROCESS_INHERIT, Capability.PROCESS_SPAWN,
      Capability.SIGNAL_INFO, Capability.SIGNAL_CATCH);

  private final ImplementationInfo info;
  private final Map<Capability, Object> found;
  private final Optional<InheritedHandles> inheritedHandles;

  private Providers(ImplementationInfo info, Map<Capability, Object> found, Optional<InheritedHandles> inheritedHandles) {
    this.info = info;
    this.found = found;
    this.inheritedHandles = inheritedHandles;
    PREREQUISITES.forEach(
        (capability, needed) -> {
          if (found.containsKey(capability) && !found.containsKey(needed)) {
            throw new IllegalStateException(
                "capability " + capability.id() + " (" + INTERFACES.get(capability).getName()
                    + ") needs " + needed.id() + ": register an implementation of "
                    + INTERFACES.get(needed).getName() + " too");
          }
        });
  }

  /** The implementations registered with ServiceLoader ({@code META-INF/services}). */
  static Providers load(ClassLoader loader) {
    List<ImplementationInfo> infos =
        ServiceLoader.load(ImplementationInfo.class, loader).stream()
            .map(ServiceLoader.Provider::get)
            .collect(Collectors.toList());
    if (infos.size() != 1) {
      throw new IllegalStateException(
          "expected exactly one " + ImplementationInfo.class.getName() + " service, found " + infos.size());
    }
    Map<Capability, Object> found = new EnumMap<>(Capability.class);
    INTERFACES.forEach(
        (capability, type) ->
            ServiceLoader.load(type, loader).findFirst().ifPresent(p -> found.put(capability, p)));
    return new Providers(infos.get(0), found, ServiceLoader.load(InheritedHandles.class, loader).findFirst());
  }

  /**
   * Given implementations, each claiming the capabilities of every SPI interface it implements;
   * for tests, where registering services is a detour.
   */
  static Providers of(ImplementationInfo info, Object... implementations) {
    Map<Capability, Object> found = new EnumMap<>(Capability.class);
    Optional<InheritedHandles> inherited = Optional.empty();
    for (Object implementation : implementations) {
      INTERFACES.forEach(
          (capability, type) -> {
            if (type.isInstance(implementation)) {
              found.put(capability, implementation);
            }
          });
      if (implementation instanceof InheritedHandles handles) {
        inherited = Optional.of(handles);
      }
    }
    return new Providers(info, found, inherited);
  }

  ImplementationInfo info() {
    return info;
  }

  /** The claimed capabilities' names, in the order of {@link Capability}. */
  List<String> capabilities() {
    return found.keySet().stream().map(Capability::id).collect(Collectors.toList());
  }

  <T> Optional<T> get(Capability capability, Class<T> type) {
    return Optional.ofNullable(found.get(capability)).map(type::cast);
  }

  Optional<InheritedHandles> inheritedHandles() {
    return inheritedHandles;
  }
}
