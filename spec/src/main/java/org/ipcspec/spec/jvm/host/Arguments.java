package org.ipcspec.spec.jvm.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Base64;

/** Typed access to a request's arguments, failing with BAD_ARGS on anything wrong. */
final class Arguments {
  private final ObjectNode args;

  Arguments(ObjectNode args) {
    this.args = args;
  }

  String string(String name) throws BadArgumentsException {
    JsonNode node = args.get(name);
    if (node == null || !node.isTextual()) {
      throw new BadArgumentsException("argument '" + name + "' must be a string");
    }
    return node.asText();
  }

  String string(String name, String fallback) throws BadArgumentsException {
    return args.has(name) ? string(name) : fallback;
  }

  Path path(String name) throws BadArgumentsException {
    return Path.of(string(name));
  }

  long number(String name, long fallback) throws BadArgumentsException {
    JsonNode node = args.get(name);
    if (node == null) {
      return fallback;
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new BadArgumentsException("argument '" + name + "' must be an integer");
    }
    return node.asLong();
  }

  long number(String name) throws BadArgumentsException {
    if (!args.has(name)) {
      throw new BadArgumentsException("argument '" + name + "' is missing");
    }
    return number(name, 0);
  }

  boolean flag(String name) throws BadArgumentsException {
    JsonNode node = args.get(name);
    if (node == null) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new BadArgumentsException("argument '" + name + "' must be true or false");
    }
    return node.asBoolean();
  }

  byte[] bytes(String name) throws BadArgumentsException {
    try {
      return Base64.getDecoder().decode(string(name));
    } catch (IllegalArgumentException e) {
      throw new BadArgumentsException("argument '" + name + "' is not base64: " + e.getMessage());
    }
  }
}
