package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The arguments object of a request, built up by the steps. */
final class Json {
  private Json() {}

  static ObjectNode args() {
    return JsonNodeFactory.instance.objectNode();
  }
}
