package org.ipcspec.spec.jvm.host;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.ipcspec.spec.jvm.Access;
import org.ipcspec.spec.jvm.ChildProcesses;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.FifoMaker;
import org.ipcspec.spec.jvm.Fifos;
import org.ipcspec.spec.jvm.FileRemover;
import org.ipcspec.spec.jvm.FileStatus;
import org.ipcspec.spec.jvm.FileStatusReader;
import org.ipcspec.spec.jvm.HandleStatusReader;
import org.ipcspec.spec.jvm.InheritingChildProcesses;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.NonBlockingFifos;
import org.ipcspec.spec.jvm.NonBlockingSwitch;
import org.ipcspec.spec.jvm.Pipes;
import org.ipcspec.spec.jvm.ProcessTermination;
import org.ipcspec.spec.jvm.SignalCatching;
import org.ipcspec.spec.jvm.SignalMask;
import org.ipcspec.spec.jvm.SignalQueue;
import org.ipcspec.spec.jvm.SignalSending;
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
  private static final String PIPE = "pipe";
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
    } catch (RuntimeException e) {
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
        Endpoint endpoint = handles.get(args.string("handle"));
        boolean on = args.requiredFlag("on");
        need(Capability.PIPE_NONBLOCKING, NonBlockingSwitch.class).setNonBlocking(endpoint, on);
      }
      case HANDLE_STAT -> {
        Endpoint endpoint = handles.get(args.string("handle"));
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
      default -> throw new UnsupportedOperationException("operation " + request.op() + " has no JVM mapping");
    }
    return result;
  }

  private void write(Arguments args, ObjectNode result) throws IpcException, BadArgumentsException {
    Endpoint endpoint = handles.get(args.string("handle"));
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
    Endpoint endpoint = handles.get(args.string("handle"));
    long asked = args.number("max", 65536);
    if (asked < 1) {
      throw new BadArgumentsException("argument 'max' must be at least 1");
    }
    int max = (int) Math.min(asked, MAX_READ);
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
    Endpoint stdin = args.has("stdin") && !pipeStdin ? handles.get(args.string("stdin")) : null;
    Endpoint stdout = args.has("stdout") && !pipeStdout ? handles.get(args.string("stdout")) : null;
    Map<String, Endpoint> inherit = new LinkedHashMap<>();
    for (String handle : args.strings("inherit")) {
      inherit.put(handle, handles.get(handle));
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
