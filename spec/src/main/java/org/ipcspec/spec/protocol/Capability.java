package org.ipcspec.spec.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * A named group of operations that an implementation claims as a whole. A scenario that needs
 * an unclaimed capability is NOT_APPLICABLE for that implementation, never a failure.
 */
public enum Capability {
  FIFO("fifo", "use an existing FIFO by its path, opening it blocking"),
  FIFO_CREATE("fifo.create", "create a FIFO with mkfifo(3) or mknod(2)"),
  FIFO_NONBLOCKING("fifo.nonblocking", "open, read and write a FIFO with O_NONBLOCK"),
  FS_STAT("fs.stat", "the file type, size and permission bits of a path"),
  FS_UNLINK("fs.unlink", "remove a name from the filesystem"),
  PIPE("pipe", "an anonymous pipe inside the agent: a read handle and a write handle"),
  PIPE_NONBLOCKING("pipe.nonblocking", "switch O_NONBLOCK on a handle's descriptor"),
  HANDLE_STAT("handle.stat", "fstat(2) of a handle"),
  PROCESS_SPAWN("process.spawn", "start a child participant, its standard streams optionally piped to the parent, and wait for it"),
  PROCESS_INHERIT("process.inherit", "pass open descriptors to a child, as fork(2) and exec(2) do"),
  SIGNAL_CATCH("signal.catch", "catch, ignore or restore the default action of a signal"),
  SIGNAL_INFO("signal.info", "a signal handler learns who sent the signal and how"),
  SIGNAL_SEND("signal.send", "send any signal, or the null signal, to another process"),
  SIGNAL_TERMINATE("signal.terminate", "send SIGTERM, SIGKILL or the null signal to another process"),
  SIGNAL_MASK("signal.mask", "block signals, see them pending, unblock them"),
  SIGNAL_QUEUE("signal.queue", "queue real-time signals that carry a value (sigqueue(3))"),
  SOCKET_UNIX_STREAM("socket.unix.stream", "UNIX-domain stream sockets"),
  SOCKET_UNIX_DATAGRAM("socket.unix.datagram", "UNIX-domain datagram sockets"),
  SOCKET_INET_STREAM("socket.inet.stream", "TCP sockets over IPv4"),
  SOCKET_INET_DATAGRAM("socket.inet.datagram", "UDP sockets over IPv4"),
  SOCKET_PAIR("socket.pair", "a connected pair of UNIX-domain sockets (socketpair(2))"),
  SOCKET_PEERCRED("socket.peercred", "the process, user and group of a UNIX-domain socket's peer"),
  SOCKET_RIGHTS("socket.rights", "pass open descriptors over a UNIX-domain socket (SCM_RIGHTS)"),
  FS_FILE("fs.file", "open or create a regular file"),
  SHM_POSIX("shm.posix", "POSIX named shared memory objects"),
  MMAP("mmap", "map objects or anonymous memory, load and store in the mapping, size objects with ftruncate(2)"),
  MQ_POSIX("mq.posix", "POSIX message queues"),
  MSG_SYSV("msg.sysv", "System V message queues"),
  MSG_RING("msg.ring", "a ring of typed messages in a file every participant maps: writes never wait, a full ring refuses"),
  MSG_BROADCAST("msg.broadcast", "one transmitter, many receivers, in a mapped file: the transmitter never waits, a receiver left behind loses messages"),
  DDE("dde", "Dynamic Data Exchange through DDEML (Windows): conversations, requests, pokes, commands and advise loops"),
  OLE_STORAGE("ole.storage", "OLE compound documents (structured storage): create, open, write and read named streams"),
  OLE_EMBED("ole.embed", "embed in a compound document the object of a file, made by its application, and open it again"),
  OLE_LINK("ole.link", "link a compound document to a file's object: the document keeps only a reference to it");

  private final String id;
  private final String description;

  Capability(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The name used in descriptors, hello messages and scenario tags. */
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public static Optional<Capability> byId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
  }

  @Override
  public String toString() {
    return id;
  }
}
