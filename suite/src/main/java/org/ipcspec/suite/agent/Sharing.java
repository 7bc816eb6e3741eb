package org.ipcspec.suite.agent;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.ipcspec.spec.protocol.Capability;

/**
 * What the participants of one scenario share when each runs in a container of its own: only
 * what the mechanism under test needs, so that everything else between them stays closed.
 * Plain processes share everything a machine shares, whatever this says.
 */
public record Sharing(Set<Sharing.Resource> resources) {

  /** A thing two containers can have in common. */
  public enum Resource {
    /** The scenario's exchange folder, where FIFOs, UNIX-domain sockets and files are named. */
    EXCHANGE_FOLDER("the exchange folder"),
    /** One IPC namespace: POSIX shared memory and message queues, System V queues. */
    IPC_NAMESPACE("an IPC namespace"),
    /** One PID namespace: a process can name, signal and recognise the others. */
    PID_NAMESPACE("a PID namespace"),
    /** One network namespace with nothing but its loopback interface. */
    NETWORK_NAMESPACE("a network namespace (loopback only)"),
    /** A network made for the scenario, internal, on which each participant has its own address. */
    INTERNAL_NETWORK("an internal network, each with an address of its own");

    private final String words;

    Resource(String words) {
      this.words = words;
    }

    @Override
    public String toString() {
      return words;
    }
  }

  public Sharing {
    resources = Collections.unmodifiableSet(resources.isEmpty() ? EnumSet.noneOf(Resource.class) : EnumSet.copyOf(resources));
  }

  /** What a scenario that uses these capabilities needs its participants to share. */
  public static Sharing neededBy(Collection<Capability> capabilities) {
    Set<Resource> needed = EnumSet.noneOf(Resource.class);
    for (Capability capability : capabilities) {
      switch (capability) {
        case FIFO, FIFO_CREATE, FIFO_NONBLOCKING, FS_STAT, FS_UNLINK, FS_FILE,
            SOCKET_UNIX_STREAM, SOCKET_UNIX_DATAGRAM, MSG_RING, MSG_BROADCAST -> needed.add(Resource.EXCHANGE_FOLDER);
        case SHM_POSIX, MQ_POSIX -> needed.add(Resource.IPC_NAMESPACE);
        // A System V queue records its last sender's pid, which only a shared PID namespace can name.
        case MSG_SYSV -> needed.addAll(EnumSet.of(Resource.IPC_NAMESPACE, Resource.PID_NAMESPACE));
        case SIGNAL_SEND, SIGNAL_TERMINATE, SIGNAL_QUEUE, SIGNAL_INFO -> needed.add(Resource.PID_NAMESPACE);
        // The kernel gives a peer's pid as the reader's PID namespace numbers it.
        case SOCKET_PEERCRED -> needed.add(Resource.PID_NAMESPACE);
        case SOCKET_INET_STREAM, SOCKET_INET_DATAGRAM -> needed.add(Resource.NETWORK_NAMESPACE);
        default -> {
          // Within one participant, or between a parent and the children in its container.
        }
      }
    }
    return new Sharing(needed);
  }

  /** Whether the participants share this resource. */
  public boolean shares(Resource resource) {
    return resources.contains(resource);
  }

  /** Whether some container must own namespaces for the participants to join. */
  public boolean needsHolder() {
    return shares(Resource.PID_NAMESPACE) || shares(Resource.IPC_NAMESPACE) || shares(Resource.NETWORK_NAMESPACE);
  }

  /** This sharing, and {@code resource} as well. */
  public Sharing with(Resource resource) {
    return changed(resource, true);
  }

  /** This sharing, but not {@code resource}. */
  public Sharing without(Resource resource) {
    return changed(resource, false);
  }

  private Sharing changed(Resource resource, boolean shared) {
    Set<Resource> changed = EnumSet.noneOf(Resource.class);
    changed.addAll(resources);
    if (shared) {
      changed.add(resource);
    } else {
      changed.remove(resource);
    }
    return new Sharing(changed);
  }

  /** Participants on hosts of their own: an address each on one network, no shared loopback. */
  public Sharing onSeparateHosts() {
    return without(Resource.NETWORK_NAMESPACE).with(Resource.INTERNAL_NETWORK);
  }

  @Override
  public String toString() {
    return resources.isEmpty() ? "nothing" : resources.stream().map(Resource::toString).collect(Collectors.joining(", "));
  }
}
