package org.ipcspec.suite.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.ipcspec.spec.protocol.ControlChannel;
import org.ipcspec.spec.protocol.Event;
import org.ipcspec.spec.protocol.Hello;
import org.ipcspec.spec.protocol.Message;
import org.ipcspec.spec.protocol.MessageCodec;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.spec.protocol.ProtocolException;
import org.ipcspec.spec.protocol.Request;
import org.ipcspec.spec.protocol.Response;

/**
 * The suite's end of one agent's control connection: sends requests without waiting for their
 * answers, pairs answers with requests on a reader thread, records everything in the history, and
 * turns any breach of the protocol into a {@link HarnessException} for every operation in flight.
 */
final class AgentConnection {
  private final String participant;
  private final ControlChannel control;
  private final History history;
  private final Duration sendLimit;
  private final Supplier<String> whyDisconnected;
  private final Supplier<AssertionError> faultOfTheImplementation;
  private final CompletableFuture<Hello> hello = new CompletableFuture<>();
  private final EventLog events = new EventLog();
  private final AtomicLong nextId = new AtomicLong();
  private final ExecutorService sender;
  /** Guarded by itself, so that no operation slips in while the connection is failing. */
  private final Map<Long, PendingOperation> inFlight = new HashMap<>();
  private volatile HarnessException broken;
  private volatile boolean endExpected;

  /**
   * @param sendLimit how long a line may take to send: an agent that stops reading its socket must not stall the run
   * @param whyDisconnected explains, when the agent closes the connection, what became of its process
   * @param faultOfTheImplementation when the agent's end breaks a behaviour under test (it died of a
   *     signal it had set to catch), the failure; null for a plain crash
   */
  AgentConnection(String participant, ControlChannel control, History history, Duration sendLimit,
      Supplier<String> whyDisconnected, Supplier<AssertionError> faultOfTheImplementation) {
    this.participant = participant;
    this.control = control;
    this.history = history;
    this.sendLimit = sendLimit;
    this.whyDisconnected = whyDisconnected;
    this.faultOfTheImplementation = faultOfTheImplementation;
    this.sender = Executors.newSingleThreadExecutor(r -> daemon(r, "ipcspec-send-" + participant));
    daemon(this::readLoop, "ipcspec-read-" + participant).start();
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  CompletableFuture<Hello> hello() {
    return hello;
  }

  EventLog events() {
    return events;
  }

  boolean endExpected() {
    return endExpected;
  }

  HarnessException broken() {
    return broken;
  }

  /** The agent is about to end (shutdown, or a signal the scenario sends): its disconnecting is no failure. */
  void expectEnd() {
    endExpected = true;
  }

  /** Sends a request and returns at once; the answer completes the returned operation. */
  PendingOperation submit(Operation operation, ObjectNode args) {
    Request request = new Request(nextId.incrementAndGet(), operation.op(), args);
    PendingOperation pending = new PendingOperation(participant, request, System.nanoTime(), new CompletableFuture<>());
    synchronized (inFlight) {
      if (broken != null) {
        throw broken;
      }
      inFlight.put(request.id(), pending);
    }
    history.add(new History.Entry(pending.sentNs(), participant, "request", request.id(), request.op(), args));
    Future<?> sent = sender.submit(() -> {
      control.send(request);
      return null;
    });
    try {
      sent.get(sendLimit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      fail(new HarnessException(participant + "'s agent stopped reading its control socket: sending "
          + request.op() + " did not finish within " + sendLimit.toMillis() + " ms"));
      close();
    } catch (Exception e) {
      fail(new HarnessException("cannot send " + request.op() + " to " + participant + "'s agent: "
          + HarnessException.unwrap(e).getMessage() + "; " + whyDisconnected.get(), e));
    }
    return pending;
  }

  private void readLoop() {
    try {
      Message message;
      while ((message = control.receive()) != null) {
        receive(message);
      }
      onDisconnect();
    } catch (ProtocolException e) {
      fail(new HarnessException(participant + "'s agent broke the protocol: " + e.getMessage()));
    } catch (IOException e) {
      onDisconnect();
    }
  }

  private void receive(Message message) {
    if (!hello.isDone()) {
      if (message instanceof Hello greeting) {
        history.add(new History.Entry(greeting.monotonicNs(), participant, "event", null, "hello",
            MessageCodec.mapper().valueToTree(greeting)));
        hello.complete(greeting);
      } else {
        fail(new HarnessException(participant + "'s agent sent " + kind(message) + " before hello: the first line must be hello"));
      }
      return;
    }
    if (message instanceof Response response) {
      PendingOperation pending;
      synchronized (inFlight) {
        pending = inFlight.remove(response.id());
      }
      if (pending == null) {
        fail(new HarnessException(participant + "'s agent answered request " + response.id()
            + ", which was never sent or was already answered"));
        return;
      }
      history.add(new History.Entry(response.monotonicNs(), participant, "response", response.id(), pending.request().op(),
          response.succeeded() ? response.result() : MessageCodec.mapper().valueToTree(response.error())));
      pending.response().complete(response);
    } else if (message instanceof Event event) {
      history.add(new History.Entry(event.monotonicNs(), participant, "event", null, event.event(), event.data()));
      events.add(event);
    } else {
      fail(new HarnessException(participant + "'s agent sent an unexpected " + kind(message)));
    }
  }

  private static String kind(Message message) {
    return message.getClass().getSimpleName().toLowerCase();
  }

  private void onDisconnect() {
    int unanswered;
    synchronized (inFlight) {
      unanswered = inFlight.size();
    }
    if (endExpected && unanswered == 0) {
      fail(new HarnessException(participant + "'s agent has ended"));
      return;
    }
    String why = whyDisconnected.get();
    fail(new HarnessException(participant + "'s agent closed its control connection"
        + (unanswered == 0 ? "" : " with " + unanswered + " operation(s) unanswered") + "; " + why, faultOfTheImplementation.get()));
  }

  /** Marks the connection unusable; every operation in flight, and every later one, fails with {@code failure}. */
  void fail(HarnessException failure) {
    synchronized (inFlight) {
      if (broken == null) {
        broken = failure;
        history.note(participant, failure.getMessage());
      }
      hello.completeExceptionally(broken);
      inFlight.values().forEach(p -> p.response().completeExceptionally(broken));
      inFlight.clear();
    }
    events.close();
  }

  void close() {
    sender.shutdownNow();
    try {
      control.close();
    } catch (IOException e) {
      // Closing: nothing more to say to this agent.
    }
  }
}
