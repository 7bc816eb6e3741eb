package org.ipcspec.reports;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The IPC methods the specification covers; each has one feature file of the same name. */
public enum Mechanism {
  FIFO("fifo"),
  PIPE("pipe"),
  SIGNAL("signal"),
  SOCKET("socket"),
  SHARED_MEMORY("shared-memory"),
  MESSAGE_PASSING("message-passing"),
  DDE("dde"),
  OLE("ole");

  private final String id;

  Mechanism(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  public static Optional<Mechanism> byId(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
  }
}
