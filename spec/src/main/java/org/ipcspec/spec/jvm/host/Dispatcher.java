package org.ipcspec.spec.jvm.host;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.ipcspec.spec.jvm.Access;
import org.ipcspec.spec.jvm.Address;
import org.ipcspec.spec.jvm.BroadcastReceiver;
import org.ipcspec.spec.jvm.BroadcastTransmitter;
import org.ipcspec.spec.jvm.Broadcasts;
import org.ipcspec.spec.jvm.ChildProcesses;
import org.ipcspec.spec.jvm.DescriptorPassing;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.FifoMaker;
import org.ipcspec.spec.jvm.Fifos;
import org.ipcspec.spec.jvm.FileRemover;
import org.ipcspec.spec.jvm.FileStatus;
import org.ipcspec.spec.jvm.FileStatusReader;
import org.ipcspec.spec.jvm.HandleStatusReader;
import org.ipcspec.spec.jvm.InetDatagramSockets;
import org.ipcspec.spec.jvm.InetStreamSockets;
import org.ipcspec.spec.jvm.InheritingChildProcesses;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.Mapping;
import org.ipcspec.spec.jvm.MemoryMapping;
import org.ipcspec.spec.jvm.MessageQueue;
import org.ipcspec.spec.jvm.MessageRing;
import org.ipcspec.spec.jvm.MessageRings;
import org.ipcspec.spec.jvm.NonBlockingFifos;
import org.ipcspec.spec.jvm.NonBlockingSwitch;
import org.ipcspec.spec.jvm.OpenAccess;
import org.ipcspec.spec.jvm.OpenFlags;
import org.ipcspec.spec.jvm.PeerCredentials;
import org.ipcspec.spec.jvm.Pipes;
import org.ipcspec.spec.jvm.PosixMessageQueues;
import org.ipcspec.spec.jvm.ProcessTermination;
import org.ipcspec.spec.jvm.RegularFiles;
import org.ipcspec.spec.jvm.SharedMemoryObjects;
import org.ipcspec.spec.jvm.SignalCatching;
import org.ipcspec.spec.jvm.SignalMask;
import org.ipcspec.spec.jvm.SignalQueue;
import org.ipcspec.spec.jvm.SignalSending;
import org.ipcspec.spec.jvm.SocketEndpoint;
import org.ipcspec.spec.jvm.SocketPairs;
import org.ipcspec.spec.jvm.SocketType;
import org.ipcspec.spec.jvm.SystemVMessageQueues;
import org.ipcspec.spec.jvm.UnixDatagramSockets;
import org.ipcspec.spec.jvm.UnixStreamSockets;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.spec.protocol.ErrorCodes;
import org.ipcspec.spec.protocol.Event;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.spec.protocol.Request;
import org.ipcspec.spec.protocol.Response;

/**
 * Turns one request into calls on the SPI and the result into one response. Every argument is
 * checked before the implementation is called, so that a malformed request is BAD_ARGS whatever
 * the plugin claims.
 */
final class Dispatcher {
  private static final int MAX_READ = 16 << 20;
  private static final int DEFAULT_READ = 65536;
  private static final int DEFAULT_BACKLOG = 16;
  private static final int DEFAULT_MODE = 0600;
  private static final int DEFAULT_MSG_MAX = 8192;
  private static final String PIPE = "pipe";
  private static final Map<String, SocketType> SOCKET_TYPES =
      Map.of("stream", SocketType.STREAM, "datagram", SocketType.DATAGRAM);
  private static final Map<String, String> SOCKET_DOMAINS = Map.of("unix", "unix", "inet", "inet");
  private static final Map<String, SocketEndpoint.Shutdown> SHUTDOWNS = Map.of(
      "read", SocketEndpoint.Shutdown.READ, "write", SocketEndpoint.Shutdown.WRITE, "both", SocketEndpoint.Shutdown.BOTH);
  private static final Map<String, OpenAccess> FILE_ACCESS =
      Map.of("read", OpenAccess.READ, "write", OpenAccess.WRITE, "readwrite", OpenAccess.READ_WRITE);
  private static final Map<String, OpenAccess> SHM_ACCESS = Map.of("read", OpenAccess.READ, "readwrite", OpenAccess.READ_WRITE);
  private static final Map<String, Boolean> MAP_ACCESS = Map.of("read", false, "readwrite", true);
  private static final Set<String> TERMINATION_SIGNALS = Set.of("SIGTERM", "SIGKILL", SignalNames.NULL_SIGNAL);

  private final Providers providers;
  private final Consumer<Event> events;
  private final Handles handles = new Handles();

  /**
   * @param events where unsolicited events ({@code signal}) go; called from any thread
   */
  Dispatcher(Providers providers, Consumer<Event> events) {
    this.providers = providers;
    this.events = events;
  }

  /** Gives an endpoint a predefined handle name ({@code stdin}, {@code stdout}, inherited ones). */
  void predefine(String handle, Endpoint endpoint) {
    handles.predefine(handle, endpoint);
  }

  Response handle(Request request) {
    try {
      ObjectNode result = perform(request);
      return Response.success(request.id(), result, System.nanoTime());
    } catch (IpcException e) {
      return Response.failure(request.id(), e.code(), e.getMessage(), System.nanoTime());
    } catch (BadArgumentsException e) {
      return Response.failure(request.id(), ErrorCodes.BAD_ARGS, e.getMessage(), System.nanoTime());
    } catch (UnsupportedOperationException e) {
      return Response.failure(request.id(), ErrorCodes.UNSUPPORTED_OP, e.getMessage(), System.nanoTime());
    } catch (Exception e) {
      // Also a checked exception a library throws without declaring it (Agrona's
      // LangUtil.rethrowUnchecked): left uncaught, it would end the thread and the request would
      // never be answered.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Response.failure(request.id(), ErrorCodes.INTERNAL, e.toString(), System.nanoTime());
    } catch (Error e) {
      // Out of memory, or a fault an implementation let through (HotSpot's InternalError for a
      // memory access): the agent itself failed, and says so rather than lose the response.
      return Response.failure(request.id(), ErrorCodes.INTERNAL, e.toString(), System.nanoTime());
    }
  }

  void closeAll() {
    handles.closeAll();
  }

  private ObjectNode perform(Request request) throws IpcException, BadArgumentsException {
    Operation operation =
        Operation.byOp(request.op())
            .orElseThrow(() -> new UnsupportedOperationException("unknown operation " + request.op()));
    Arguments args = new Arguments(request.args());
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    switch (operation) {
      case PING, SHUTDOWN -> {}
      case PROCESS_INFO -> processInfo(result);
      case FIFO_CREATE -> {
        FifoMaker.Call call =
            switch (args.string("call", "mkfifo")) {
              case "mkfifo" -> FifoMaker.Call.MKFIFO;
              case "mknod" -> FifoMaker.Call.MKNOD;
              default -> throw new BadArgumentsException("argument 'call' must be mkfifo or mknod");
            };
        need(Capability.FIFO_CREATE, FifoMaker.class)
            .make(args.path("path"), (int) args.number("mode"), call);
      }
      case FIFO_OPEN -> {
        Access access =
            switch (args.string("access")) {
              case "read" -> Access.READ;
              case "write" -> Access.WRITE;
              default -> throw new BadArgumentsException("argument 'access' must be read or write");
            };
        Path path = args.path("path");
        Endpoint endpoint =
            args.flag("nonblocking")
                ? need(Capability.FIFO_NONBLOCKING, NonBlockingFifos.class).openNonBlocking(path, access)
                : need(Capability.FIFO, Fifos.class).open(path, access);
        result.put("handle", handles.add(endpoint));
      }
      case WRITE -> write(args, result);
      case READ -> read(args, result);
      case CLOSE -> handles.remove(args.string("handle")).close();
      case STAT -> {
        FileStatus status = need(Capability.FS_STAT, FileStatusReader.class).stat(args.path("path"));
        status(status, result);
      }
      case UNLINK -> need(Capability.FS_UNLINK, FileRemover.class).unlink(args.path("path"));
      case PIPE_CREATE -> {
        Pipes.Ends ends = need(Capability.PIPE, Pipes.class).create();
        result.put("read", handles.add(ends.read()));
        result.put("write", handles.add(ends.write()));
      }
      case HANDLE_NONBLOCKING -> {
        Endpoint endpoint = handles.endpoint(args.string("handle"));
        boolean on = args.requiredFlag("on");
        need(Capability.PIPE_NONBLOCKING, NonBlockingSwitch.class).setNonBlocking(endpoint, on);
      }
      case HANDLE_STAT -> {
        Endpoint endpoint = handles.endpoint(args.string("handle"));
        status(need(Capability.HANDLE_STAT, HandleStatusReader.class).stat(endpoint), result);
      }
      case PROCESS_SPAWN -> spawn(args, result);
      case PROCESS_WAIT -> {
        long pid = args.pid("pid");
        ChildProcesses.End end = need(Capability.PROCESS_SPAWN, ChildProcesses.class).waitFor(pid);
        if (end instanceof ChildProcesses.Exited exited) {
          result.put("exitStatus", exited.status());
        } else if (end instanceof ChildProcesses.Signalled signalled) {
          result.put("signal", signalled.signal()).put("core", signalled.core());
        }
      }
      case SIGNAL_HANDLE -> {
        String signal = args.signal("signal", false);
        SignalCatching.Action action =
            switch (args.string("action")) {
              case "catch" -> SignalCatching.Action.CATCH;
              case "ignore" -> SignalCatching.Action.IGNORE;
              case "default" -> SignalCatching.Action.DEFAULT;
              default -> throw new BadArgumentsException("argument 'action' must be catch, ignore or default");
            };
        need(Capability.SIGNAL_CATCH, SignalCatching.class).handle(signal, action, this::delivered);
      }
      case SIGNAL_SEND -> send(args);
      case SIGNAL_BLOCK -> {
        List<String> signals = args.signals("signals");
        need(Capability.SIGNAL_MASK, SignalMask.class).block(signals);
      }
      case SIGNAL_UNBLOCK -> {
        List<String> signals = args.signals("signals");
        need(Capability.SIGNAL_MASK, SignalMask.class).unblock(signals);
      }
      case SIGNAL_PENDING -> {
        ArrayNode pending = result.putArray("signals");
        need(Capability.SIGNAL_MASK, SignalMask.class).pending().forEach(pending::add);
      }
      case SOCKET_CREATE, SOCKET_BIND, SOCKET_LISTEN, SOCKET_ACCEPT, SOCKET_CONNECT, SOCKET_ADDRESS, SOCKET_SEND,
          SOCKET_RECEIVE, SOCKET_SHUTDOWN, SOCKET_PAIR, SOCKET_PEERCRED -> socket(operation, args, result);
      case FILE_OPEN -> {
        Path path = args.path("path");
        OpenFlags flags = openFlags(args, FILE_ACCESS);
        result.put("handle", handles.add(need(Capability.FS_FILE, RegularFiles.class).open(path, flags)));
      }
      case SHM_OPEN -> {
        String name = args.ipcName("name");
        OpenFlags flags = openFlags(args, SHM_ACCESS);
        result.put("handle", handles.add(need(Capability.SHM_POSIX, SharedMemoryObjects.class).open(name, flags)));
      }
      case SHM_UNLINK -> {
        String name = args.ipcName("name");
        need(Capability.SHM_POSIX, SharedMemoryObjects.class).unlink(name);
      }
      case HANDLE_TRUNCATE, MEMORY_MAP, MEMORY_READ, MEMORY_WRITE -> memory(operation, args, result);
      case MQ_OPEN, MQ_SEND, MQ_RECEIVE, MQ_ATTRIBUTES, MQ_UNLINK -> posixQueue(operation, args, result);
      case MSG_GET, MSG_SEND, MSG_RECEIVE, MSG_STAT, MSG_REMOVE -> systemVQueue(operation, args, result);
      case RING_CREATE, RING_OPEN, RING_WRITE, RING_READ -> ring(operation, args, result);
      case BROADCAST_CREATE, BROADCAST_OPEN, BROADCAST_TRANSMIT, BROADCAST_RECEIVE -> broadcast(operation, args, result);
      default -> throw new UnsupportedOperationException("operation " + request.op() + " has no JVM mapping");
    }
    return result;
  }

  /**
   * The socket operations. socket.create picks the interface of the domain and type; the others
   * act on the socket a handle names, whichever interface made it.
   */
  private void socket(Operation operation, Arguments args, ObjectNode result) throws IpcException, BadArgumentsException {
    switch (operation) {
      case SOCKET_CREATE -> {
        String domain = args.choice("domain", SOCKET_DOMAINS);
        SocketType type = args.choice("type", SOCKET_TYPES);
        result.put("handle", handles.add(createSocket(domain, type)));
      }
      case SOCKET_BIND -> {
        SocketEndpoint socket = handles.socket(args.string("handle"));
        Address address = args.address("address");
        result.set("address", address(socket.bind(address)));
      }
      case SOCKET_LISTEN -> {
        SocketEndpoint socket = handles.socket(args.string("handle"));
        socket.listen(args.integer("backlog", DEFAULT_BACKLOG));
      }
      case SOCKET_ACCEPT -> {
        SocketEndpoint.Accepted accepted = handles.socket(args.string("handle")).accept();
        result.put("handle", handles.add(accepted.socket()));
        if (accepted.peer() != null) {
          result.set("peer", address(accepted.peer()));
        }
      }
      case SOCKET_CONNECT -> {
        SocketEndpoint socket = handles.socket(args.string("handle"));
        socket.connect(args.address("address"));
      }
      case SOCKET_ADDRESS -> {
        SocketEndpoint socket = handles.socket(args.string("handle"));
        result.set("local", address(socket.localAddress()));
        Address peer = socket.peerAddress();
        if (peer != null) {
          result.set("peer", address(peer));
        }
      }
      case SOCKET_SEND -> {
        SocketEndpoint socket = handles.socket(args.string("handle"));
        byte[] data = args.bytes("data");
        Address to = args.optionalAddress("to");
        List<Endpoint> passed = new ArrayList<>();
        for (String name : args.strings("handles")) {
          passed.add(handles.endpoint(name));
        }
        if (passed.isEmpty()) {
          result.put("sent", socket.send(data, to));
        } else {
          if (data.length == 0) {
            throw new BadArgumentsException("argument 'data' must hold at least one byte to carry descriptors");
          }
          result.put("sent", need(Capability.SOCKET_RIGHTS, DescriptorPassing.class).send(socket, data, to, passed));
        }
      }
      case SOCKET_RECEIVE -> {
        SocketEndpoint socket = handles.socket(args.string("handle"));
        SocketEndpoint.Received received = socket.receive(readSize(args, "max", DEFAULT_READ));
        result.put("data", Base64.getEncoder().encodeToString(received.data()));
        if (received.from() != null) {
          result.set("from", address(received.from()));
        }
        if (received.truncated() != null) {
          result.put("truncated", received.truncated());
        }
        result.put("eof", received.eof());
        if (!received.descriptors().isEmpty()) {
          ArrayNode names = result.putArray("handles");
          for (Endpoint descriptor : received.descriptors()) {
            names.add(handles.add(descriptor));
          }
        }
      }
      case SOCKET_SHUTDOWN -> {
        SocketEndpoint socket = handles.socket(args.string("handle"));
        socket.shutdown(args.choice("how", SHUTDOWNS));
      }
      case SOCKET_PAIR -> {
        SocketType type = args.choice("type", SOCKET_TYPES);
        SocketPairs.Pair pair = need(Capability.SOCKET_PAIR, SocketPairs.class).pair(type);
        ArrayNode names = result.putArray("handles");
        names.add(handles.add(pair.first()));
        names.add(handles.add(pair.second()));
      }
      case SOCKET_PEERCRED -> {
        SocketEndpoint socket = handles.socket(args.string("handle"));
        PeerCredentials.Credentials peer = need(Capability.SOCKET_PEERCRED, PeerCredentials.class).peer(socket);
        result.put("pid", peer.pid()).put("uid", peer.uid()).put("gid", peer.gid());
      }
      default -> throw new IllegalStateException(operation + " is not a socket operation");
    }
  }

  /** socket(2) through the interface of the domain and type: UNSUPPORTED_OP when it is not registered. */
  private SocketEndpoint createSocket(String domain, SocketType type) throws IpcException {
    boolean stream = type == SocketType.STREAM;
    if (domain.equals("unix")) {
      return stream
          ? need(Capability.SOCKET_UNIX_STREAM, UnixStreamSockets.class).unixStreamSocket()
          : need(Capability.SOCKET_UNIX_DATAGRAM, UnixDatagramSockets.class).unixDatagramSocket();
    }
    return stream
        ? need(Capability.SOCKET_INET_STREAM, InetStreamSockets.class).inetStreamSocket()
        : need(Capability.SOCKET_INET_DATAGRAM, InetDatagramSockets.class).inetDatagramSocket();
  }

  /** handle.truncate and the memory.* operations; memory.read and memory.write check their bounds. */
  private void memory(Operation operation, Arguments args, ObjectNode result) throws IpcException, BadArgumentsException {
    switch (operation) {
      case HANDLE_TRUNCATE -> {
        Endpoint object = handles.endpoint(args.string("handle"));
        long size = args.natural("size");
        need(Capability.MMAP, MemoryMapping.class).truncate(object, size);
      }
      case MEMORY_MAP -> {
        Endpoint object = args.has("handle") ? handles.endpoint(args.string("handle")) : null;
        long size = args.natural("size");
        long offset = args.natural("offset", 0);
        boolean writable = args.choice("access", MAP_ACCESS);
        boolean shared = !args.has("shared") || args.flag("shared");
        MemoryMapping mapping = need(Capability.MMAP, MemoryMapping.class);
        // Anonymous memory has no object, hence no offset into one: mmap(2) ignores it.
        Mapping mapped = object != null
            ? mapping.map(object, offset, size, writable, shared)
            : mapping.mapAnonymous(size, writable, shared);
        result.put("handle", handles.add(mapped));
      }
      case MEMORY_READ -> {
        Mapping mapping = handles.mapping(args.string("handle"));
        long offset = args.natural("offset");
        long length = args.natural("length");
        within(mapping, offset, length);
        if (length > Integer.MAX_VALUE - 8) {
          throw new BadArgumentsException("argument 'length' must be less than 2 GiB, not " + length);
        }
        byte[] data = mapping.read(offset, (int) length);
        result.put("data", Base64.getEncoder().encodeToString(data));
      }
      case MEMORY_WRITE -> {
        Mapping mapping = handles.mapping(args.string("handle"));
        long offset = args.natural("offset");
        byte[] data = args.bytes("data");
        within(mapping, offset, data.length);
        mapping.write(offset, data);
      }
      default -> throw new IllegalStateException(operation + " is not a memory operation");
    }
  }

  /** The agent checks accesses against the mapping's size (PROTOCOL.md, section 6): BAD_ARGS beyond it. */
  private static void within(Mapping mapping, long offset, long length) throws BadArgumentsException {
    if (offset > mapping.size() || length > mapping.size() - offset) {
      throw new BadArgumentsException(
          "offset " + offset + " and length " + length + " reach beyond the mapping of " + mapping.size() + " bytes");
    }
  }

  private void posixQueue(Operation operation, Arguments args, ObjectNode result) throws IpcException, BadArgumentsException {
    switch (operation) {
      case MQ_OPEN -> {
        String name = args.ipcName("name");
        OpenFlags flags = openFlags(args, FILE_ACCESS);
        if (args.has("maxMessages") != args.has("messageSize")) {
          throw new BadArgumentsException("arguments 'maxMessages' and 'messageSize' go together: both or neither");
        }
        PosixMessageQueues.Size size = args.has("maxMessages")
            ? new PosixMessageQueues.Size(args.natural("maxMessages"), args.natural("messageSize"))
            : null;
        boolean nonBlocking = args.flag("nonblocking");
        MessageQueue queue = need(Capability.MQ_POSIX, PosixMessageQueues.class).open(name, flags, size, nonBlocking);
        result.put("handle", handles.add(queue));
      }
      case MQ_SEND -> {
        MessageQueue queue = handles.queue(args.string("handle"));
        byte[] data = args.bytes("data");
        long priority = args.natural("priority", 0);
        if (priority > Integer.MAX_VALUE) {
          throw new BadArgumentsException("argument 'priority' must fit in 31 bits, not " + priority);
        }
        queue.send(data, (int) priority);
      }
      case MQ_RECEIVE -> {
        MessageQueue queue = handles.queue(args.string("handle"));
        long max = args.has("max") ? args.natural("max") : queue.attributes().messageSize();
        if (max > Integer.MAX_VALUE - 8) {
          throw new BadArgumentsException("argument 'max' must be less than 2 GiB, not " + max);
        }
        MessageQueue.Message message = queue.receive((int) max);
        result.put("data", Base64.getEncoder().encodeToString(message.data()));
        result.put("priority", message.priority());
      }
      case MQ_ATTRIBUTES -> {
        MessageQueue.Attributes attributes = handles.queue(args.string("handle")).attributes();
        result.put("maxMessages", attributes.maxMessages()).put("messageSize", attributes.messageSize())
            .put("messages", attributes.messages()).put("nonblocking", attributes.nonBlocking());
      }
      case MQ_UNLINK -> {
        String name = args.ipcName("name");
        need(Capability.MQ_POSIX, PosixMessageQueues.class).unlink(name);
      }
      default -> throw new IllegalStateException(operation + " is not a POSIX message queue operation");
    }
  }

  private void systemVQueue(Operation operation, Arguments args, ObjectNode result) throws IpcException, BadArgumentsException {
    switch (operation) {
      case MSG_GET -> {
        int key = args.integer("key");
        boolean create = args.flag("create");
        boolean exclusive = args.flag("exclusive");
        int mode = args.mode("mode", DEFAULT_MODE);
        result.put("queue", need(Capability.MSG_SYSV, SystemVMessageQueues.class).get(key, create, exclusive, mode));
      }
      case MSG_SEND -> {
        int queue = args.integer("queue");
        long type = args.number("type");
        byte[] data = args.bytes("data");
        boolean noWait = args.flag("nowait");
        need(Capability.MSG_SYSV, SystemVMessageQueues.class).send(queue, type, data, noWait);
      }
      case MSG_RECEIVE -> {
        int queue = args.integer("queue");
        long type = args.number("type", 0);
        long max = args.natural("max", DEFAULT_MSG_MAX);
        if (max > Integer.MAX_VALUE - 8) {
          throw new BadArgumentsException("argument 'max' must be less than 2 GiB, not " + max);
        }
        boolean noWait = args.flag("nowait");
        boolean noError = args.flag("noerror");
        SystemVMessageQueues.Message message =
            need(Capability.MSG_SYSV, SystemVMessageQueues.class).receive(queue, type, (int) max, noWait, noError);
        result.put("type", message.type());
        result.put("data", Base64.getEncoder().encodeToString(message.data()));
      }
      case MSG_STAT -> {
        int queue = args.integer("queue");
        SystemVMessageQueues.Status status = need(Capability.MSG_SYSV, SystemVMessageQueues.class).stat(queue);
        result.put("messages", status.messages()).put("bytes", status.bytes()).put("maxBytes", status.maxBytes())
            .put("lastSenderPid", status.lastSenderPid()).put("lastReceiverPid", status.lastReceiverPid());
      }
      case MSG_REMOVE -> {
        int queue = args.integer("queue");
        need(Capability.MSG_SYSV, SystemVMessageQueues.class).remove(queue);
      }
      default -> throw new IllegalStateException(operation + " is not a System V message queue operation");
    }
  }

  private void ring(Operation operation, Arguments args, ObjectNode result) throws IpcException, BadArgumentsException {
    switch (operation) {
      case RING_CREATE -> {
        Path path = args.path("path");
        int capacity = int31(args.natural("capacity"), "capacity");
        MessageRing ring = need(Capability.MSG_RING, MessageRings.class).create(path, capacity);
        result.put("handle", handles.add(ring)).put("maxMessage", ring.maxMessageLength());
      }
      case RING_OPEN -> {
        MessageRing ring = need(Capability.MSG_RING, MessageRings.class).open(args.path("path"));
        result.put("handle", handles.add(ring)).put("maxMessage", ring.maxMessageLength());
      }
      case RING_WRITE -> {
        MessageRing ring = handles.ring(args.string("handle"));
        ring.write(args.integer("type"), args.bytes("data"));
      }
      case RING_READ -> {
        MessageRing.Message message = handles.ring(args.string("handle")).read();
        result.put("type", message.type()).put("data", Base64.getEncoder().encodeToString(message.data()));
      }
      default -> throw new IllegalStateException(operation + " is not a message ring operation");
    }
  }

  private void broadcast(Operation operation, Arguments args, ObjectNode result) throws IpcException, BadArgumentsException {
    switch (operation) {
      case BROADCAST_CREATE -> {
        Path path = args.path("path");
        int capacity = int31(args.natural("capacity"), "capacity");
        BroadcastTransmitter transmitter = need(Capability.MSG_BROADCAST, Broadcasts.class).create(path, capacity);
        result.put("handle", handles.add(transmitter)).put("maxMessage", transmitter.maxMessageLength());
      }
      case BROADCAST_OPEN -> result.put("handle", handles.add(need(Capability.MSG_BROADCAST, Broadcasts.class).open(args.path("path"))));
      case BROADCAST_TRANSMIT -> handles.transmitter(args.string("handle")).transmit(args.integer("type"), args.bytes("data"));
      case BROADCAST_RECEIVE -> {
        BroadcastReceiver.Received received = handles.receiver(args.string("handle")).receive();
        result.put("type", received.type()).put("data", Base64.getEncoder().encodeToString(received.data()))
            .put("lost", received.lost());
      }
      default -> throw new IllegalStateException(operation + " is not a broadcast operation");
    }
  }

  private static int int31(long value, String name) throws BadArgumentsException {
    if (value > Integer.MAX_VALUE) {
      throw new BadArgumentsException("argument '" + name + "' must be less than 2 GiB, not " + value);
    }
    return (int) value;
  }

  /** access (one of the given words), create, exclusive and mode (default 0600). */
  private static OpenFlags openFlags(Arguments args, Map<String, OpenAccess> accesses) throws BadArgumentsException {
    OpenAccess access = args.choice("access", accesses);
    return new OpenFlags(access, args.flag("create"), args.flag("exclusive"), args.mode("mode", DEFAULT_MODE));
  }

  /** A read size: at least 1, the fallback when absent, capped at 16 MiB (PROTOCOL.md, read). */
  private static int readSize(Arguments args, String name, int fallback) throws BadArgumentsException {
    long asked = args.number(name, fallback);
    if (asked < 1) {
      throw new BadArgumentsException("argument '" + name + "' must be at least 1");
    }
    return (int) Math.min(asked, MAX_READ);
  }

  /** A socket address as the protocol writes it. */
  private static ObjectNode address(Address address) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (address instanceof Address.Unix unix) {
      node.put("family", "unix").put("path", unix.path());
    } else if (address instanceof Address.Inet inet) {
      node.put("family", "inet").put("host", inet.host()).put("port", inet.port());
    } else {
      throw new IllegalStateException("the implementation gave no address");
    }
    return node;
  }

  private void write(Arguments args, ObjectNode result) throws IpcException, BadArgumentsException {
    Endpoint endpoint = handles.endpoint(args.string("handle"));
    byte[] data = args.bytes("data");
    long count = args.number("count", 1);
    if (count < 0) {
      throw new BadArgumentsException("argument 'count' must be 0 or more");
    }
    long written = 0;
    for (long i = 0; i < count; i++) {
      int n = endpoint.write(data);
      written += n;
      if (n < data.length) {
        break; // a short write ends the repetitions (PROTOCOL.md, write)
      }
    }
    result.put("written", written);
  }

  private void read(Arguments args, ObjectNode result) throws IpcException, BadArgumentsException {
    Endpoint endpoint = handles.endpoint(args.string("handle"));
    int max = readSize(args, "max", DEFAULT_READ);
    byte[] data = endpoint.read(max);
    result.put("data", Base64.getEncoder().encodeToString(data == null ? new byte[0] : data));
    result.put("eof", data == null);
  }

  private void spawn(Arguments args, ObjectNode result) throws IpcException, BadArgumentsException {
    String participant = args.name("participant");
    Path control = args.absolutePath("control");
    Path scratch = args.absolutePath("scratch");
    // Each standard stream: absent (inherited), "pipe", or a handle (process.inherit).
    boolean pipeStdin = args.has("stdin") && PIPE.equals(args.string("stdin"));
    boolean pipeStdout = args.has("stdout") && PIPE.equals(args.string("stdout"));
    Endpoint stdin = args.has("stdin") && !pipeStdin ? handles.endpoint(args.string("stdin")) : null;
    Endpoint stdout = args.has("stdout") && !pipeStdout ? handles.endpoint(args.string("stdout")) : null;
    Map<String, Endpoint> inherit = new LinkedHashMap<>();
    for (String handle : args.strings("inherit")) {
      inherit.put(handle, handles.endpoint(handle));
    }
    ChildProcesses.Spawn spawn = new ChildProcesses.Spawn(participant, control, scratch, pipeStdin, pipeStdout);
    ChildProcesses.Child child;
    if (stdin != null || stdout != null || !inherit.isEmpty()) {
      child = need(Capability.PROCESS_INHERIT, InheritingChildProcesses.class).spawn(spawn, stdin, stdout, inherit);
    } else {
      child = need(Capability.PROCESS_SPAWN, ChildProcesses.class).spawn(spawn);
    }
    result.put("pid", child.pid());
    // Of a new pipe the parent keeps its own end only; the child's end is the child's business.
    if (pipeStdin) {
      result.put("stdin", handles.add(requirePipeEnd(child.stdin(), "stdin")));
    }
    if (pipeStdout) {
      result.put("stdout", handles.add(requirePipeEnd(child.stdout(), "stdout")));
    }
  }

  private static Endpoint requirePipeEnd(Endpoint endpoint, String stream) {
    if (endpoint == null) {
      throw new IllegalStateException("the plugin spawned a child without the parent's end of its " + stream + " pipe");
    }
    return endpoint;
  }

  private void send(Arguments args) throws IpcException, BadArgumentsException {
    long pid = args.pid("pid");
    String signal = args.signal("signal", true);
    if (args.has("value")) {
      int value = args.integer("value");
      need(Capability.SIGNAL_QUEUE, SignalQueue.class).queue(pid, signal, value);
      return;
    }
    Optional<ProcessTermination> termination = providers.get(Capability.SIGNAL_TERMINATE, ProcessTermination.class);
    if (TERMINATION_SIGNALS.contains(signal) && termination.isPresent()) {
      switch (signal) {
        case "SIGTERM" -> termination.get().terminate(pid);
        case "SIGKILL" -> termination.get().kill(pid);
        default -> termination.get().probe(pid);
      }
      return;
    }
    SignalSending sending =
        providers.get(Capability.SIGNAL_SEND, SignalSending.class)
            .orElseThrow(
                () -> new UnsupportedOperationException(
                    "capability signal.send is not implemented"
                        + (termination.isPresent() ? ": this agent sends only SIGTERM, SIGKILL and 0 (signal.terminate)" : "")));
    sending.send(pid, signal);
  }

  /** A caught signal becomes an event, stamped when the handler reported it. */
  private void delivered(SignalCatching.Delivery delivery) {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("signal", delivery.signal());
    if (delivery.senderPid() != null) {
      data.put("senderPid", delivery.senderPid());
    }
    if (delivery.code() != null) {
      data.put("code", delivery.code());
    }
    if (delivery.value() != null) {
      data.put("value", delivery.value());
    }
    events.accept(new Event("signal", data, System.nanoTime()));
  }

  private static void status(FileStatus status, ObjectNode result) {
    result.put("type", status.type()).put("size", status.size()).put("mode", status.mode());
  }

  private <T> T need(Capability capability, Class<T> type) {
    Optional<T> provider = providers.get(capability, type);
    return provider.orElseThrow(
        () -> new UnsupportedOperationException("capability " + capability.id() + " is not implemented"));
  }

  private static void processInfo(ObjectNode result) {
    ProcessHandle self = ProcessHandle.current();
    result.put("pid", self.pid());
    result.put("ppid", self.parent().map(ProcessHandle::pid).orElse(0L));
    // The JDK has no call for these; Linux's /proc states them, elsewhere they are omitted.
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      result.put("pgid", Long.parseLong(fields[2]));
      result.put("sid", Long.parseLong(fields[3]));
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      result.put("uid", ((Number) uid).longValue());
    } catch (Exception e) {
      // Optional fields: leave them out.
    }
  }
}
