package org.ipcspec.spec.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * The first line an agent sends: who it is and what it claims.
 *
 * @param protocol the protocol version the agent speaks
 * @param participant the participant name it was started as ({@code IPCSPEC_PARTICIPANT})
 * @param pid the agent's process id
 * @param implementation the implementation under test
 * @param capabilities the capability names it claims
 * @param monotonicNs the monotonic clock when the line was produced
 * @param token the value of {@code IPCSPEC_TOKEN}; required over a TCP control connection, where
 *     it is what shows the suite that the process it started is the one that connected; null when
 *     absent
 */
public record Hello(
    int protocol,
    String participant,
    long pid,
    Implementation implementation,
    List<String> capabilities,
    long monotonicNs,
    @JsonInclude(JsonInclude.Include.NON_NULL) String token)
    implements Message {

  /** A hello without a token, as over a UNIX-domain control socket. */
  public Hello(int protocol, String participant, long pid, Implementation implementation, List<String> capabilities, long monotonicNs) {
    this(protocol, participant, pid, implementation, capabilities, monotonicNs, null);
  }

  public Hello {
    if (protocol <= 0) {
      throw new IllegalArgumentException("hello: 'protocol' must be a positive integer");
    }
    Objects.requireNonNull(participant, "hello: 'participant' is missing");
    Objects.requireNonNull(implementation, "hello: 'implementation' is missing");
    capabilities = List.copyOf(Objects.requireNonNull(capabilities, "hello: 'capabilities' is missing"));
  }

  /**
   * The name and version of the implementation behind an agent.
   *
   * @param name a human-readable name
   * @param version its version
   */
  public record Implementation(String name, String version) {
    public Implementation {
      Objects.requireNonNull(name, "hello: 'implementation.name' is missing");
      Objects.requireNonNull(version, "hello: 'implementation.version' is missing");
    }
  }
}
