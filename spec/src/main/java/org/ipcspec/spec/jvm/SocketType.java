package org.ipcspec.spec.jvm;

/** The type of a socket, the second argument of socket(2) and socketpair(2). */
public enum SocketType {
  /** {@code SOCK_STREAM}: a connected, reliable, ordered byte stream without message boundaries. */
  STREAM,
  /** {@code SOCK_DGRAM}: messages that keep their boundaries, each sent to an address. */
  DATAGRAM
}
