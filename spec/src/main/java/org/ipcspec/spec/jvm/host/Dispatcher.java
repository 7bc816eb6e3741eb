package org.ipcspec.spec.jvm.host;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.ipcspec.spec.jvm.Access;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.FifoMaker;
import org.ipcspec.spec.jvm.Fifos;
import org.ipcspec.spec.jvm.FileRemover;
import org.ipcspec.spec.jvm.FileStatus;
import org.ipcspec.spec.jvm.FileStatusReader;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.NonBlockingFifos;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.spec.protocol.ErrorCodes;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.spec.protocol.Request;
import org.ipcspec.spec.protocol.Response;

/** Turns one request into calls on the SPI and the result into one response. */
final class Dispatcher {
  private static final int MAX_READ = 16 << 20;

  private final Providers providers;
  private final Handles handles = new Handles();

  Dispatcher(Providers providers) {
    this.providers = providers;
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
      case WRITE -> {
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
      case READ -> {
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
      case CLOSE -> handles.remove(args.string("handle")).close();
      case STAT -> {
        FileStatus status = need(Capability.FS_STAT, FileStatusReader.class).stat(args.path("path"));
        result.put("type", status.type()).put("size", status.size()).put("mode", status.mode());
      }
      case UNLINK -> need(Capability.FS_UNLINK, FileRemover.class).unlink(args.path("path"));
      default -> throw new UnsupportedOperationException("operation " + request.op() + " has no JVM mapping");
    }
    return result;
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
