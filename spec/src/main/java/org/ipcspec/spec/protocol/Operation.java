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
  SIGNAL_PENDING("signal.pending", Capability.SIGNAL_MASK),
  // A socket's domain and type decide which capability its operations need: the steps decide.
  SOCKET_CREATE("socket.create", null),
  SOCKET_BIND("socket.bind", null),
  SOCKET_LISTEN("socket.listen", null),
  SOCKET_ACCEPT("socket.accept", null),
  SOCKET_CONNECT("socket.connect", null),
  SOCKET_ADDRESS("socket.address", null),
  SOCKET_SEND("socket.send", null),
  SOCKET_RECEIVE("socket.receive", null),
  SOCKET_SHUTDOWN("socket.shutdown", null),
  SOCKET_PAIR("socket.pair", Capability.SOCKET_PAIR),
  SOCKET_PEERCRED("socket.peercred", Capability.SOCKET_PEERCRED),
  FILE_OPEN("file.open", Capability.FS_FILE),
  SHM_OPEN("shm.open", Capability.SHM_POSIX),
  SHM_UNLINK("shm.unlink", Capability.SHM_POSIX),
  HANDLE_TRUNCATE("handle.truncate", Capability.MMAP),
  MEMORY_MAP("memory.map", Capability.MMAP),
  MEMORY_READ("memory.read", Capability.MMAP),
  MEMORY_WRITE("memory.write", Capability.MMAP),
  MQ_OPEN("mq.open", Capability.MQ_POSIX),
  MQ_SEND("mq.send", Capability.MQ_POSIX),
  MQ_RECEIVE("mq.receive", Capability.MQ_POSIX),
  MQ_ATTRIBUTES("mq.attributes", Capability.MQ_POSIX),
  MQ_UNLINK("mq.unlink", Capability.MQ_POSIX),
  MSG_GET("msg.get", Capability.MSG_SYSV),
  MSG_SEND("msg.send", Capability.MSG_SYSV),
  MSG_RECEIVE("msg.receive", Capability.MSG_SYSV),
  MSG_STAT("msg.stat", Capability.MSG_SYSV),
  MSG_REMOVE("msg.remove", Capability.MSG_SYSV),
  RING_CREATE("ring.create", Capability.MSG_RING),
  RING_OPEN("ring.open", Capability.MSG_RING),
  RING_WRITE("ring.write", Capability.MSG_RING),
  RING_READ("ring.read", Capability.MSG_RING),
  BROADCAST_CREATE("broadcast.create", Capability.MSG_BROADCAST),
  BROADCAST_OPEN("broadcast.open", Capability.MSG_BROADCAST),
  BROADCAST_TRANSMIT("broadcast.transmit", Capability.MSG_BROADCAST),
  BROADCAST_RECEIVE("broadcast.receive", Capability.MSG_BROADCAST),
  DDE_SERVE("dde.serve", Capability.DDE),
  DDE_ITEM_SET("dde.item.set", Capability.DDE),
  DDE_CONNECT("dde.connect", Capability.DDE),
  DDE_REQUEST("dde.request", Capability.DDE),
  DDE_POKE("dde.poke", Capability.DDE),
  DDE_EXECUTE("dde.execute", Capability.DDE),
  DDE_ADVISE_START("dde.advise.start", Capability.DDE),
  DDE_ADVISE_STOP("dde.advise.stop", Capability.DDE),
  DDE_DISCONNECT("dde.disconnect", Capability.DDE),
  OLE_DOCUMENT_CREATE("ole.document.create", Capability.OLE_STORAGE),
  OLE_DOCUMENT_OPEN("ole.document.open", Capability.OLE_STORAGE),
  OLE_STREAM_WRITE("ole.stream.write", Capability.OLE_STORAGE),
  OLE_STREAM_READ("ole.stream.read", Capability.OLE_STORAGE),
  OLE_EMBED("ole.embed", Capability.OLE_EMBED),
  OLE_LINK("ole.link", Capability.OLE_LINK),
  // An embedded object or a linked one: the steps decide which capability it needs.
  OLE_OBJECT_READ("ole.object.read", null);

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
