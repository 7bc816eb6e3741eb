package org.ipcspec.spec.jvm;

/**
 * Capability {@code socket.pair}: two connected UNIX-domain sockets, as socketpair(2) makes them.
 *
 * <p>Operation {@code socket.pair}. Both ends are unnamed; what one end writes or sends, the other
 * reads or receives. With a plugin that also claims {@code process.inherit}, one end can be handed
 * to a child.
 */
public interface SocketPairs {

  /**
   * The two ends of a new pair.
   *
   * @param first one end
   * @param second the other end
   */
  record Pair(SocketEndpoint first, SocketEndpoint second) {}

  /**
   * socketpair(2) with {@code AF_UNIX} and the type.
   *
   * @throws UnsupportedOperationException when the implementation makes pairs of the other type
   *     only; the agent then answers {@code UNSUPPORTED_OP}
   */
  Pair pair(SocketType type) throws IpcException;
}
