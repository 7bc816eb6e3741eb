package org.ipcspec.spec.jvm;

/**
 * Capability {@code pipe}: an anonymous pipe inside the agent, as pipe(2) makes one.
 *
 * <p>Operation {@code pipe.create}. The host registers both ends as handles; {@code read}, {@code
 * write} and {@code close} then act on them like on any other {@link Endpoint}.
 */
public interface Pipes {

  /**
   * Both ends of a new pipe.
   *
   * @param read the read end: bytes written into {@code write} come out here
   * @param write the write end
   */
  record Ends(Endpoint read, Endpoint write) {}

  /** Creates a pipe. */
  Ends create() throws IpcException;
}
