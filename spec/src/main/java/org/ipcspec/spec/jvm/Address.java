package org.ipcspec.spec.jvm;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A socket address, as the protocol writes it (PROTOCOL.md, "Sockets"): the C structure its
 * family names. The family is the address's, not the socket's: giving an {@link Inet} address to a
 * UNIX-domain socket is a request the suite makes on purpose, and the implementation answers what
 * the system answers ({@code EINVAL}).
 */
public sealed interface Address permits Address.Unix, Address.Inet {

  /**
   * A {@code struct sockaddr_un}: a path in the filesystem (unix(7)).
   *
   * @param path the socket's path; empty for an unnamed socket (a client that never bound, one
   *     end of a socket pair); in results, {@code @} followed by the name for a name in Linux's
   *     abstract namespace
   */
  record Unix(String path) implements Address {
    /** Checks that there is a path, empty or not. */
    public Unix {
      Objects.requireNonNull(path, "path");
    }

    /** Whether this is the address of an unnamed socket. */
    public boolean unnamed() {
      return path.isEmpty();
    }
  }

  /**
   * A {@code struct sockaddr_in}: an IPv4 address and a port (ip(7)).
   *
   * @param host a dotted IPv4 address such as {@code 127.0.0.1}; {@code 0.0.0.0} is INADDR_ANY
   * @param port 0 to 65535; 0 in a bind lets the system choose
   */
  record Inet(String host, int port) implements Address {
    private static final Pattern DOTTED =
        Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    /** The address of an unbound Internet socket, as getsockname(2) gives it: INADDR_ANY, port 0. */
    public static final Inet ANY = new Inet("0.0.0.0", 0);

    /** Checks that the host is a dotted IPv4 address and the port 0 to 65535. */
    public Inet {
      Objects.requireNonNull(host, "host");
      if (!isDotted(host)) {
        throw new IllegalArgumentException("not a dotted IPv4 address: " + host);
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("not a port (0 to 65535): " + port);
      }
    }

    /** Whether the text is a dotted IPv4 address, four decimal numbers of 0 to 255. */
    public static boolean isDotted(String host) {
      return DOTTED.matcher(host).matches();
    }

    /** The four bytes of the address, in network order. */
    public byte[] octets() {
      String[] parts = host.split("\\.");
      byte[] octets = new byte[4];
      for (int i = 0; i < 4; i++) {
        octets[i] = (byte) Integer.parseInt(parts[i]);
      }
      return octets;
    }
  }
}
