package org.ipcspec.spec.jvm.host;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ipcspec.spec.jvm.Endpoint;

/**
 * The agent's open endpoints by handle name: {@code h1}, {@code h2}... for those it opened, and
 * predefined names ({@code stdin}, {@code stdout}, inherited handles) for those it was given.
 */
final class Handles {
  private final Map<String, Endpoint> open = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong();

  String add(Endpoint endpoint) {
    String handle = "h" + next.incrementAndGet();
    open.put(handle, endpoint);
    return handle;
  }

  /** Registers an endpoint under a name of its own; a name already taken is a bug. */
  void predefine(String handle, Endpoint endpoint) {
    if (open.putIfAbsent(handle, endpoint) != null) {
      throw new IllegalStateException("handle " + handle + " is already defined");
    }
  }

  Endpoint get(String handle) throws BadArgumentsException {
    Endpoint endpoint = open.get(handle);
    if (endpoint == null) {
      throw new BadArgumentsException("no open handle " + handle);
    }
    return endpoint;
  }

  Endpoint remove(String handle) throws BadArgumentsException {
    Endpoint endpoint = open.remove(handle);
    if (endpoint == null) {
      throw new BadArgumentsException("no open handle " + handle);
    }
    return endpoint;
  }

  void closeAll() {
    for (String handle : open.keySet()) {
      Endpoint endpoint = open.remove(handle);
      try {
        endpoint.close();
      } catch (Exception e) {
        // Shutting down: nothing left to report to.
      }
    }
  }
}
