package org.ipcspec.spec.jvm.host;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ipcspec.spec.jvm.BroadcastReceiver;
import org.ipcspec.spec.jvm.BroadcastTransmitter;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.Handle;
import org.ipcspec.spec.jvm.Mapping;
import org.ipcspec.spec.jvm.MessageQueue;
import org.ipcspec.spec.jvm.MessageRing;
import org.ipcspec.spec.jvm.SocketEndpoint;

/**
 * The agent's open handles by name: {@code h1}, {@code h2}... for those it opened, and predefined
 * names ({@code stdin}, {@code stdout}, inherited handles) for those it was given. A handle is a
 * descriptor ({@link Endpoint}, of which a {@link SocketEndpoint} is one kind), a {@link Mapping}
 * a {@link MessageQueue}, a {@link MessageRing}, or one end of a broadcast; an operation that needs one kind and is given another is BAD_ARGS.
 */
final class Handles {
  private final Map<String, Handle> open = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong();

  String add(Handle handle) {
    String name = "h" + next.incrementAndGet();
    open.put(name, handle);
    return name;
  }

  /** Registers an endpoint under a name of its own; a name already taken is a bug. */
  void predefine(String name, Endpoint endpoint) {
    if (open.putIfAbsent(name, endpoint) != null) {
      throw new IllegalStateException("handle " + name + " is already defined");
    }
  }

  Handle get(String name) throws BadArgumentsException {
    Handle handle = open.get(name);
    if (handle == null) {
      throw new BadArgumentsException("no open handle " + name);
    }
    return handle;
  }

  /** A descriptor that bytes go through: what read, write and the handle.* operations act on. */
  Endpoint endpoint(String name) throws BadArgumentsException {
    return kind(name, Endpoint.class, "a descriptor");
  }

  SocketEndpoint socket(String name) throws BadArgumentsException {
    return kind(name, SocketEndpoint.class, "a socket");
  }

  Mapping mapping(String name) throws BadArgumentsException {
    return kind(name, Mapping.class, "a memory mapping");
  }

  MessageQueue queue(String name) throws BadArgumentsException {
    return kind(name, MessageQueue.class, "a message queue");
  }

  MessageRing ring(String name) throws BadArgumentsException {
    return kind(name, MessageRing.class, "a message ring");
  }

  BroadcastTransmitter transmitter(String name) throws BadArgumentsException {
    return kind(name, BroadcastTransmitter.class, "a broadcast transmitter");
  }

  BroadcastReceiver receiver(String name) throws BadArgumentsException {
    return kind(name, BroadcastReceiver.class, "a broadcast receiver");
  }

  private <T extends Handle> T kind(String name, Class<T> type, String what) throws BadArgumentsException {
    Handle handle = get(name);
    if (!type.isInstance(handle)) {
      throw new BadArgumentsException("handle " + name + " is " + describe(handle) + ", not " + what);
    }
    return type.cast(handle);
  }

  private static String describe(Handle handle) {
    if (handle instanceof SocketEndpoint) {
      return "a socket";
    }
    if (handle instanceof Endpoint) {
      return "a descriptor that is not a socket";
    }
    if (handle instanceof Mapping) {
      return "a memory mapping";
    }
    if (handle instanceof MessageQueue) {
      return "a message queue";
    }
    if (handle instanceof MessageRing) {
      return "a message ring";
    }
    if (handle instanceof BroadcastTransmitter) {
      return "a broadcast transmitter";
    }
    if (handle instanceof BroadcastReceiver) {
      return "a broadcast receiver";
    }
    return "a " + handle.getClass().getSimpleName();
  }

  Handle remove(String name) throws BadArgumentsException {
    Handle handle = open.remove(name);
    if (handle == null) {
      throw new BadArgumentsException("no open handle " + name);
    }
    return handle;
  }

  void closeAll() {
    for (String name : open.keySet()) {
      Handle handle = open.remove(name);
      if (handle == null) {
        continue; // closed meanwhile by a request
      }
      try {
        handle.close();
      } catch (Exception e) {
        // Shutting down: nothing left to report to.
      }
    }
  }
}
