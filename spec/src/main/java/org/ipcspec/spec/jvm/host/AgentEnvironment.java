package org.ipcspec.spec.jvm.host;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the suite tells an agent through its environment (PROTOCOL.md, section 1).
 *
 * @param control where to connect: a UNIX-domain socket's path, or {@code tcp:HOST:PORT}
 * @param participant the participant's name
 * @param scratch the participant's own directory
 * @param token what the agent's hello must carry over a TCP control connection; null if not set
 */
public record AgentEnvironment(String control, String participant, Path scratch, String token) {

  public static final String CONTROL = "IPCSPEC_CONTROL";
  public static final String PARTICIPANT = "IPCSPEC_PARTICIPANT";
  public static final String SCRATCH = "IPCSPEC_SCRATCH";
  public static final String PROTOCOL = "IPCSPEC_PROTOCOL";
  public static final String TOKEN = "IPCSPEC_TOKEN";
  /** How {@code IPCSPEC_CONTROL} names a TCP endpoint on loopback: {@code tcp:127.0.0.1:PORT}. */
  public static final String TCP_PREFIX = "tcp:";

  /** Reads the variables; fails with a message naming the missing one. */
  public static AgentEnvironment from(Map<String, String> env) {
    return new AgentEnvironment(require(env, CONTROL), require(env, PARTICIPANT), Path.of(require(env, SCRATCH)), env.get(TOKEN));
  }

  /** Connects to the suite's control socket, UNIX-domain or TCP as {@code IPCSPEC_CONTROL} says. */
  public SocketChannel connect() throws IOException {
    if (control.startsWith(TCP_PREFIX)) {
      String endpoint = control.substring(TCP_PREFIX.length());
      int colon = endpoint.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalStateException(CONTROL + " must be tcp:HOST:PORT, not " + control);
      }
      SocketChannel socket = SocketChannel.open(StandardProtocolFamily.INET);
      socket.connect(new InetSocketAddress(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1))));
      return socket;
    }
    SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
    socket.connect(UnixDomainSocketAddress.of(control));
    return socket;
  }

  private static String require(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(
          name + " is not set: an ipcspec agent is started by the suite, not by hand");
    }
    return value;
  }
}
