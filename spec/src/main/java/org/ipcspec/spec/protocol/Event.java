package org.ipcspec.spec.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Something an agent reports without being asked (version 1 defines only {@code log}).
 *
 * @param event the event's name
 * @param data its details
 * @param monotonicNs the monotonic clock when it happened
 */
public record Event(String event, ObjectNode data, long monotonicNs) implements Message {

  public Event {
    Objects.requireNonNull(event, "event: 'event' is missing");
    data = data == null ? JsonNodeFactory.instance.objectNode() : data;
  }
}
