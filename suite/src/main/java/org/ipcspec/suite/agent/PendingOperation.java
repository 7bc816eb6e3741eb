package org.ipcspec.suite.agent;

import java.util.concurrent.CompletableFuture;
import org.ipcspec.spec.protocol.Request;
import org.ipcspec.spec.protocol.Response;

/**
 * An operation sent to an agent and perhaps not yet answered: what "still blocked" and
 * "completes" are observed on.
 *
 * @param participant who was asked
 * @param request what was asked
 * @param sentNs when it was sent, on the monotonic clock
 * @param response completes with the answer, or exceptionally with a HarnessException
 */
public record PendingOperation(String participant, Request request, long sentNs, CompletableFuture<Response> response) {

  public boolean isDone() {
    return response.isDone();
  }

  public String describe() {
    return participant + "'s " + request.op() + " " + request.args();
  }
}
