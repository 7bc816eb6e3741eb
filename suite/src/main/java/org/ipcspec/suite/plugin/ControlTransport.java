package org.ipcspec.suite.plugin;

/**
 * How a plugin's agents reach the suite's control socket ({@code agent.control} in the
 * descriptor, PROTOCOL.md section 1).
 */
public enum ControlTransport {
  /** A UNIX-domain socket in the scenario's folder: the default. The suite reads SO_PEERCRED of each connection. */
  UNIX("unix"),
  /**
   * TCP on loopback, for agents whose platform has no UNIX-domain sockets (Windows programs under
   * Wine 8). Any local process can connect to a port, so the hello must carry the token the suite
   * put in the agent's environment.
   */
  TCP("tcp");

  private final String word;

  ControlTransport(String word) {
    this.word = word;
  }

  /** The descriptor's word for it. */
  public String word() {
    return word;
  }
}
