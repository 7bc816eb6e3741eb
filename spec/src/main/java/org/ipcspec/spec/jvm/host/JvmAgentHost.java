package org.ipcspec.spec.jvm.host;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.protocol.ControlChannel;
import org.ipcspec.spec.protocol.Event;
import org.ipcspec.spec.protocol.Hello;
import org.ipcspec.spec.protocol.Message;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.spec.protocol.ProtocolException;
import org.ipcspec.spec.protocol.ProtocolVersion;
import org.ipcspec.spec.protocol.Request;
import org.ipcspec.spec.protocol.Response;

/**
 * The agent program of every JVM plugin: connects to the suite, says hello with the capabilities
 * whose SPI interfaces it finds, and serves requests, each on its own thread so that a blocking
 * operation never holds up another. Events (caught signals) go out through the same control
 * channel, which serialises whole lines.
 *
 * <p>Every agent has the predefined handles {@code stdin} and {@code stdout} (descriptors 0 and
 * 1): a child participant reads and writes its standard streams through them. Handles inherited
 * from a parent ({@link org.ipcspec.spec.jvm.InheritedHandles}) are registered too.
 */
public final class JvmAgentHost {

  private final ControlChannel control;
  private final Dispatcher dispatcher;
  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "ipcspec-op");
            t.setDaemon(true);
            return t;
          });

  private JvmAgentHost(ControlChannel control, Dispatcher dispatcher) {
    this.control = control;
    this.dispatcher = dispatcher;
  }

  public static void main(String[] args) {
    int status;
    try {
      status = run(AgentEnvironment.from(System.getenv()));
    } catch (IllegalStateException | IOException e) {
      System.err.println("ipcspec JVM agent: " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  private static int run(AgentEnvironment env) throws IOException {
    Providers providers = Providers.load(Thread.currentThread().getContextClassLoader());
    SocketChannel socket = env.connect();
    try (ControlChannel control = new ControlChannel(socket)) {
      control.send(
          new Hello(
              ProtocolVersion.CURRENT,
              env.participant(),
              ProcessHandle.current().pid(),
              new Hello.Implementation(providers.info().name(), providers.info().version()),
              providers.capabilities(),
              System.nanoTime(),
              env.token()));
      Dispatcher dispatcher = new Dispatcher(providers, event -> sendEvent(control, event));
      dispatcher.predefine("stdin", StandardStream.stdin());
      dispatcher.predefine("stdout", StandardStream.stdout());
      if (providers.inheritedHandles().isPresent()) {
        try {
          providers.inheritedHandles().get().inherited().forEach(dispatcher::predefine);
        } catch (IpcException e) {
          throw new IllegalStateException("the inherited handles are unusable: " + e.code() + " " + e.getMessage(), e);
        }
      }
      return new JvmAgentHost(control, dispatcher).serve();
    }
  }

  private int serve() throws IOException {
    while (true) {
      Message message;
      try {
        message = control.receive();
      } catch (ProtocolException e) {
        log("malformed request: " + e.getMessage());
        continue;
      }
      if (message == null) {
        dispatcher.closeAll();
        return 0; // the suite went away
      }
      if (!(message instanceof Request request)) {
        log("ignored a message that is not a request: " + message);
        continue;
      }
      if (Operation.SHUTDOWN.op().equals(request.op())) {
        dispatcher.closeAll();
        control.send(dispatcher.handle(request));
        return 0;
      }
      workers.execute(() -> answer(request));
    }
  }

  private static void sendEvent(ControlChannel control, Event event) {
    try {
      control.send(event);
    } catch (IOException e) {
      // The suite closed the connection; the reading loop ends the agent.
    }
  }

  private void answer(Request request) {
    Response response = dispatcher.handle(request);
    try {
      control.send(response);
    } catch (IOException e) {
      // The suite closed the connection; the reading loop ends the agent.
    }
  }

  private void log(String text) throws IOException {
    var data = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("text", text);
    control.send(new Event("log", data, System.nanoTime()));
  }
}
