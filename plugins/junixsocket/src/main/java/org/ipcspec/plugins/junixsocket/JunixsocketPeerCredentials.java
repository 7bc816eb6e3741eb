package org.ipcspec.plugins.junixsocket;

import java.io.IOException;
import org.ipcspec.plugins.nio.Errno;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.PeerCredentials;
import org.ipcspec.spec.jvm.SocketEndpoint;
import org.newsclub.net.unix.AFUNIXSocketCredentials;
import org.newsclub.net.unix.NotConnectedSocketException;

/** socket.peercred through {@code AFUNIXSocketExtensions.getPeerCredentials()} (SO_PEERCRED on Linux). */
public final class JunixsocketPeerCredentials implements PeerCredentials {
  @Override
  public Credentials peer(SocketEndpoint socket) throws IpcException {
    if (!(socket instanceof JunixSocket junix)) {
      throw new UnsupportedOperationException("junixsocket knows the peer of its own sockets only, not of " + socket);
    }
    try {
      AFUNIXSocketCredentials credentials = junix.extensions().getPeerCredentials();
      return new Credentials(credentials.getPid(), credentials.getUid(), credentials.getGid());
    } catch (ClassCastException e) {
      throw new UnsupportedOperationException("junixsocket's server channel has no getPeerCredentials; SO_PEERCRED of a "
          + "listening socket gives the listener's own credentials", e);
    } catch (NotConnectedSocketException e) {
      throw new IpcException("ENOTCONN", "the socket is not connected (junixsocket's NotConnectedSocketException)", e);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }
}
