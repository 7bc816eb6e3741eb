package org.ipcspec.spec.protocol;

import java.util.Arrays;
import java.util.Optional;

/** The operations of protocol version 1, each with the capability it belongs to (none for core). */
public enum Operation {
  PING("ping", null),
  PROCESS_INFO("process.info", null),
  SHUTDOWN("shutdown", null),
  FIFO_CREATE("fifo.create", Capability.FIFO_CREATE),
  FIFO_OPEN("fifo.open", Capability.FIFO),
  READ("read", Capability.FIFO),
  WRITE("write", Capability.FIFO),
  CLOSE("close", Capability.FIFO),
  STAT("stat", Capability.FS_STAT),
  UNLINK("unlink", Capability.FS_UNLINK);

  private final String op;
  private final Capability capability;

  Operation(String op, Capability capability) {
    this.op = op;
    this.capability = capability;
  }

  /** The name in a request's {@code op} field. */
  public String op() {
    return op;
  }

  /** The capability this operation belongs to; empty for the core operations every agent serves. */
  public Optional<Capability> capability() {
    return Optional.ofNullable(capability);
  }

  public static Optional<Operation> byOp(String op) {
    return Arrays.stream(values()).filter(o -> o.op.equals(op)).findFirst();
  }
}
