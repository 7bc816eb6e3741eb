package org.ipcspec.spec.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Something an agent reports without being asked: {@code log} (free text) or {@code signal} (a
 * caught signal).
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
