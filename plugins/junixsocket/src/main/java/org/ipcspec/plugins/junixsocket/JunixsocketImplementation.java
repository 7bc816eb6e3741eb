package org.ipcspec.plugins.junixsocket;

import org.ipcspec.spec.jvm.ImplementationInfo;
import org.newsclub.net.unix.AFUNIXSocket;

/** Names junixsocket and its version, as the library itself reports them. */
public final class JunixsocketImplementation implements ImplementationInfo {
  @Override
  public String name() {
    return "junixsocket on JDK " + Runtime.version().feature();
  }

  @Override
  public String version() {
    return AFUNIXSocket.getVersion();
  }
}
