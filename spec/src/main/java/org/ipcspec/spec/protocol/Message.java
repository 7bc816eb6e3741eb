package org.ipcspec.spec.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One line of the driver protocol. The {@code type} field of the JSON object names the kind. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Hello.class, name = "hello"),
  @JsonSubTypes.Type(value = Request.class, name = "request"),
  @JsonSubTypes.Type(value = Response.class, name = "response"),
  @JsonSubTypes.Type(value = Event.class, name = "event")
})
public sealed interface Message permits Hello, Request, Response, Event {}
