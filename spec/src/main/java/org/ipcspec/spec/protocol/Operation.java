package org.ipcspec.spec.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * The operations of protocol version 1, each with the capability it belongs to: none for the core
 * operations every agent serves, and none where the arguments decide (the steps then check).
 */
public enum Operation {
  PING("ping", null),
  PROCESS_INFO("process.info", null),
  SHUTDOWN("shutdown", null),
  FIFO_CREATE("fifo.create", Capability.FIFO_CREATE),
  FIFO_OPEN("fifo.open", Capability.FIFO),
  READ("read", null),
  WRITE("write", null),
  CLOSE("close", null),
  STAT("stat", Capability.FS_STAT),
  UNLINK("unlink", Capability.FS_UNLINK),
  PIPE_CREATE("pipe.create", Capability.PIPE),
  HANDLE_NONBLOCKING("handle.nonblocking", Capability.PIPE_NONBLOCKING),
  HANDLE_STAT("handle.stat", Capability.HANDLE_STAT),
  PROCESS_SPAWN("process.spawn", Capability.PROCESS_SPAWN),
  PROCESS_WAIT("process.wait", Capability.PROCESS_SPAWN),
  SIGNAL_HANDLE("signal.handle", Capability.SIGNAL_CATCH),
  // Which capability a send needs depends on the signal: the steps decide.
  SIGNAL_SEND("signal.send", null),
  SIGNAL_BLOCK("signal.block", Capability.SIGNAL_MASK),
  SIGNAL_UNBLOCK("signal.unblock", Capability.SIGNAL_MASK),
  SIGNAL_PENDING("signal.pending", Capability.SIGNAL_MASK);

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
