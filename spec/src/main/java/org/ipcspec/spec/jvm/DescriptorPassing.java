package org.ipcspec.spec.jvm;

import java.util.List;

/**
 * Capability {@code socket.rights}: pass open descriptors to another process over a UNIX-domain
 * socket, as ancillary data of type {@code SCM_RIGHTS} (unix(7)).
 *
 * <p>Operation {@code socket.send} with {@code handles}, here; and the {@code handles} of {@code
 * socket.receive}, which the implementation's {@link SocketEndpoint#receive} gives as {@link
 * SocketEndpoint.Received#descriptors()}: an implementation that claims this capability receives
 * with recvmsg(2) and turns every descriptor that came into an endpoint of its own.
 */
public interface DescriptorPassing {

  /**
   * One sendmsg(2) of the data (at least one byte: the host has checked) with the endpoints'
   * descriptors as {@code SCM_RIGHTS}. The receiver gets new descriptors for the same open files;
   * the endpoints stay open here.
   *
   * @param socket a UNIX-domain socket of this agent, connected, or with {@code to} for a datagram
   * @param to the destination of a datagram, or null
   * @param descriptors the endpoints whose descriptors go along, in order; not empty
   * @return the number of bytes of data sent
   * @throws IpcException the error the system answers (a handle with no descriptor, such as a
   *     mapping, never gets here: the host answers {@code BAD_ARGS} for it, as the C reference does)
   */
  int send(SocketEndpoint socket, byte[] data, Address to, List<Endpoint> descriptors) throws IpcException;
}
