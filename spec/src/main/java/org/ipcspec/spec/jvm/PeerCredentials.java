package org.ipcspec.spec.jvm;

/**
 * Capability {@code socket.peercred}: who is at the other end of a connected UNIX-domain stream
 * socket, as the {@code SO_PEERCRED} socket option tells it (unix(7)).
 *
 * <p>Operation {@code socket.peercred}. Claim it only when all three numbers are the system's: an
 * implementation that learns the user and group but not the process does not have it.
 */
public interface PeerCredentials {

  /**
   * A {@code struct ucred}: the peer's credentials at the time it connected (or made the pair).
   *
   * @param pid the peer's process id
   * @param uid its effective user id
   * @param gid its effective group id
   */
  record Credentials(long pid, long uid, long gid) {}

  /**
   * getsockopt(2) {@code SO_PEERCRED} of the socket.
   *
   * @param socket a socket of this agent, whatever made it
   * @throws IpcException {@code ENOTCONN} when the socket is not connected, {@code ENOPROTOOPT}
   *     when it is not a UNIX-domain socket (as the system says)
   */
  Credentials peer(SocketEndpoint socket) throws IpcException;
}
