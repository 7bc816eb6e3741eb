package org.ipcspec.spec.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * An operation the suite asks an agent to perform.
 *
 * @param id positive, unique on the connection; the response carries it back
 * @param op the operation name, e.g. {@code fifo.open}
 * @param args the operation's arguments (an empty object when it takes none)
 */
public record Request(long id, String op, ObjectNode args) implements Message {

  public Request {
    if (id <= 0) {
      throw new IllegalArgumentException("request: 'id' must be a positive integer");
    }
    Objects.requireNonNull(op, "request: 'op' is missing");
    args = args == null ? JsonNodeFactory.instance.objectNode() : args;
  }
}
