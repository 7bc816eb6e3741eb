package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.ipcspec.spec.protocol.Capability;

/** A socket's domain and type as the features name them ("UNIX stream", "TCP"), and what each needs. */
enum SocketKind {
  UNIX_STREAM("UNIX stream", "unix", "stream", Capability.SOCKET_UNIX_STREAM),
  UNIX_DATAGRAM("UNIX datagram", "unix", "datagram", Capability.SOCKET_UNIX_DATAGRAM),
  TCP("TCP", "inet", "stream", Capability.SOCKET_INET_STREAM),
  UDP("UDP", "inet", "datagram", Capability.SOCKET_INET_DATAGRAM);

  private final String words;
  private final String domain;
  private final String type;
  private final Capability capability;

  SocketKind(String words, String domain, String type, Capability capability) {
    this.words = words;
    this.domain = domain;
    this.type = type;
    this.capability = capability;
  }

  static SocketKind byWords(String words) {
    return Arrays.stream(values()).filter(k -> k.words.equals(words)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no socket kind \"" + words + "\""));
  }

  Capability capability() {
    return capability;
  }

  boolean unixDomain() {
    return domain.equals("unix");
  }

  ObjectNode createArgs() {
    return Json.args().put("domain", domain).put("type", type);
  }

  /**
   * The address to bind a socket of this kind: its path, or the IP address of the binding
   * participant's host (loopback, unless each participant has a host of its own) and a port the
   * system picks.
   */
  ObjectNode bindAddress(String path, String hostAddress) {
    return unixDomain()
        ? Json.args().put("family", "unix").put("path", path)
        : Json.args().put("family", "inet").put("host", hostAddress).put("port", 0);
  }

  @Override
  public String toString() {
    return words;
  }
}
