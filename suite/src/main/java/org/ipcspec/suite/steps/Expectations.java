package org.ipcspec.suite.steps;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ipcspec.spec.protocol.ErrorCodes;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.spec.protocol.Response;
import org.ipcspec.suite.agent.Agent;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.PendingOperation;
import org.ipcspec.suite.agent.Timeouts;

/**
 * What a step expects of an operation: that it completes, succeeds, fails with a code, or stays
 * blocked. Each expectation that is not met is a FAIL when the behaviour is at fault, an ERROR
 * when the agent is (it crashed, hung, or broke the protocol).
 */
public final class Expectations {
  private final ScenarioWorld world;

  public Expectations(ScenarioWorld world) {
    this.world = world;
  }

  private Timeouts timeouts() {
    return world.timeouts();
  }

  /**
   * Waits for an operation that must complete. A timeout is a FAIL when the agent still answers
   * (the operation is blocked, against the scenario), an ERROR when it does not (the agent hung).
   */
  Response complete(PendingOperation operation) {
    Duration limit = timeouts().mustHappen();
    Response response;
    try {
      response = operation.response().get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      Agent agent = world.agent(operation.participant());
      if (agent.answersPing()) {
        throw new AssertionError(operation.describe() + " did not complete within " + limit.toMillis()
            + " ms, although the agent still answers: it is blocked, and the scenario says it must not be");
      }
      throw new HarnessException(operation.participant() + "'s agent answers nothing, not even ping, for "
          + limit.toMillis() + " ms: it hangs. " + agent.stderrTail());
    } catch (ExecutionException e) {
      throw HarnessException.unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted");
    }
    rejectProtocolErrors(operation, response);
    return response;
  }

  /** Waits for an operation that must succeed, and returns its result. */
  ObjectNode success(PendingOperation operation) {
    Response response = complete(operation);
    if (!response.succeeded()) {
      throw new AssertionError(operation.describe() + " failed with " + response.error().code()
          + " (" + response.error().message() + "); the scenario expects it to succeed");
    }
    return response.result();
  }

  /** Waits for an operation that must succeed with a new handle, and returns the handle. */
  String newHandle(PendingOperation operation) {
    ObjectNode result = success(operation);
    if (!result.path("handle").isTextual()) {
      throw new HarnessException(operation.participant() + "'s agent answered " + operation.request().op()
          + " without a handle: " + result);
    }
    return result.get("handle").asText();
  }

  /** Waits for an operation that must fail with {@code code}. */
  void failure(PendingOperation operation, String code) {
    failure(operation, java.util.List.of(code));
  }

  /** Waits for an operation that must fail with one of {@code codes}, the documented alternatives. */
  void failure(PendingOperation operation, java.util.List<String> codes) {
    String expected = String.join(" or ", codes);
    Response response = complete(operation);
    if (response.succeeded()) {
      throw new AssertionError(operation.describe() + " succeeded with " + response.result()
          + "; the scenario expects it to fail with " + expected);
    }
    if (!codes.contains(response.error().code())) {
      throw new AssertionError(operation.describe() + " failed with " + response.error().code()
          + " (" + response.error().message() + "); the scenario expects " + expected);
    }
  }

  /**
   * Checks that an operation stays pending for the "must not happen" wait, while its agent goes
   * on answering: a dead or stalled agent answers nothing, and that is no proof of blocking.
   */
  void stillBlocked(PendingOperation operation) {
    Duration wait = timeouts().mustNotHappen();
    try {
      Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
          .during(wait).atMost(wait.plusSeconds(2)).until(() -> !operation.isDone());
    } catch (ConditionTimeoutException e) {
      if (operation.response().isCompletedExceptionally()) {
        throw HarnessException.unwrap(operation.response().handle((r, failure) -> failure).join());
      }
      Response response = operation.response().join();
      long afterMs = (response.monotonicNs() - operation.sentNs()) / 1_000_000;
      throw new AssertionError(operation.describe() + " completed after about " + afterMs + " ms with "
          + (response.succeeded() ? response.result() : response.error().code())
          + "; the scenario expects it to stay blocked for " + wait.toMillis() + " ms");
    }
    Agent agent = world.agent(operation.participant());
    if (!agent.isUsable()) {
      throw agent.whyUnusable();
    }
    if (!agent.answersPing()) {
      throw new HarnessException(operation.participant() + "'s agent does not answer ping while " + operation.request().op()
          + " is pending: agents must serve requests concurrently (PROTOCOL.md, section 4). " + agent.stderrTail());
    }
  }

  private static void rejectProtocolErrors(PendingOperation operation, Response response) {
    if (response.succeeded() || !ErrorCodes.isProtocolCode(response.error().code())) {
      return;
    }
    String code = response.error().code();
    if (ErrorCodes.UNSUPPORTED_OP.equals(code)) {
      String claim = Operation.byOp(operation.request().op()).flatMap(Operation::capability)
          .map(c -> "the plugin claims capability " + c.id() + ", which includes it")
          .orElse("it belongs to the core every agent serves, or to a capability its arguments name and the scenario declares");
      throw new AssertionError(operation.describe() + " was answered UNSUPPORTED_OP (" + response.error().message()
          + "), but " + claim);
    }
    throw new HarnessException(operation.describe() + " was answered " + code + ": " + response.error().message());
  }
}
