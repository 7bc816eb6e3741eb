package org.ipcspec.spec.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The agent's answer to one request: exactly one of {@code result} or {@code error}.
 *
 * @param id the id of the request answered
 * @param result the operation's result, or null when it failed
 * @param error why it failed, or null when it succeeded
 * @param monotonicNs the monotonic clock when the operation completed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Response(long id, ObjectNode result, Failure error, long monotonicNs) implements Message {

  public Response {
    if (id <= 0) {
      throw new IllegalArgumentException("response: 'id' must be a positive integer");
    }
    if ((result == null) == (error == null)) {
      throw new IllegalArgumentException("response " + id + ": exactly one of 'result' or 'error' is required");
    }
  }

  public static Response success(long id, ObjectNode result, long monotonicNs) {
    return new Response(id, result, null, monotonicNs);
  }

  public static Response failure(long id, String code, String message, long monotonicNs) {
    return new Response(id, null, new Failure(code, message), monotonicNs);
  }

  public boolean succeeded() {
    return error == null;
  }

  /**
   * A refused operation.
   *
   * @param code a POSIX errno name ({@code ENXIO}) or a protocol code ({@link ErrorCodes})
   * @param message free text for people
   */
  public record Failure(String code, String message) {
    public Failure {
      Objects.requireNonNull(code, "response: 'error.code' is missing");
      message = message == null ? "" : message;
    }
  }
}
