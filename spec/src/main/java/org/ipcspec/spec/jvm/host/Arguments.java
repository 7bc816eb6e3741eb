package org.ipcspec.spec.jvm.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Typed access to a request's arguments, failing with BAD_ARGS on anything wrong. */
final class Arguments {
  private final ObjectNode args;

  Arguments(ObjectNode args) {
    this.args = args;
  }

  /** Whether the argument is there; a JSON null counts as absent. */
  boolean has(String name) {
    JsonNode node = args.get(name);
    return node != null && !node.isNull();
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

  /** An absolute path, as the protocol's environment variables are. */
  Path absolutePath(String name) throws BadArgumentsException {
    String text = string(name);
    Path path;
    try {
      path = Path.of(text);
    } catch (RuntimeException e) {
      throw new BadArgumentsException("argument '" + name + "' is not a path: " + e.getMessage());
    }
    if (!path.isAbsolute()) {
      throw new BadArgumentsException("argument '" + name + "' must be an absolute path, not " + text);
    }
    return path;
  }

  /** A string that is not empty. */
  String name(String name) throws BadArgumentsException {
    String text = string(name);
    if (text.isEmpty()) {
      throw new BadArgumentsException("argument '" + name + "' must not be empty");
    }
    return text;
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

  /** A process id: an integer of at least 1 (0 and negative ids name process groups). */
  long pid(String name) throws BadArgumentsException {
    long pid = number(name);
    if (pid < 1) {
      throw new BadArgumentsException("argument '" + name + "' must be a process id (1 or more), not " + pid);
    }
    return pid;
  }

  /** An integer that fits a C {@code int}. */
  int integer(String name) throws BadArgumentsException {
    long value = number(name);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new BadArgumentsException("argument '" + name + "' must fit in 32 bits, not " + value);
    }
    return (int) value;
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

  /** A boolean that must be there. */
  boolean requiredFlag(String name) throws BadArgumentsException {
    if (!args.has(name)) {
      throw new BadArgumentsException("argument '" + name + "' is missing");
    }
    return flag(name);
  }

  /** An array of strings; absent means empty. */
  List<String> strings(String name) throws BadArgumentsException {
    JsonNode node = args.get(name);
    List<String> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isArray()) {
      throw new BadArgumentsException("argument '" + name + "' must be an array of strings");
    }
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw new BadArgumentsException("argument '" + name + "' must be an array of strings, not " + node);
      }
      values.add(element.asText());
    }
    return values;
  }

  /**
   * A signal: a signal(7) name, or with {@code nullSignal} also the null signal, given as {@code
   * 0} or {@code "0"} and returned as {@code "0"}.
   */
  String signal(String name, boolean nullSignal) throws BadArgumentsException {
    JsonNode node = args.get(name);
    if (node == null) {
      throw new BadArgumentsException("argument '" + name + "' is missing");
    }
    if (nullSignal && node.isIntegralNumber() && node.canConvertToLong() && node.asLong() == 0) {
      return SignalNames.NULL_SIGNAL;
    }
    if (node.isTextual()) {
      String text = node.asText();
      if (SignalNames.isName(text) || (nullSignal && SignalNames.NULL_SIGNAL.equals(text))) {
        return text;
      }
    }
    throw new BadArgumentsException(
        "argument '" + name + "' must be a signal name such as SIGUSR1 or SIGRTMIN+2"
            + (nullSignal ? ", or 0" : "") + ", not " + node);
  }

  /** An array of signal(7) names. */
  List<String> signals(String name) throws BadArgumentsException {
    if (!args.has(name)) {
      throw new BadArgumentsException("argument '" + name + "' is missing");
    }
    List<String> signals = strings(name);
    for (String signal : signals) {
      if (!SignalNames.isName(signal)) {
        throw new BadArgumentsException(
            "argument '" + name + "' must list signal names such as SIGUSR1, not " + signal);
      }
    }
    return signals;
  }

  byte[] bytes(String name) throws BadArgumentsException {
    try {
      return Base64.getDecoder().decode(string(name));
    } catch (IllegalArgumentException e) {
      throw new BadArgumentsException("argument '" + name + "' is not base64: " + e.getMessage());
    }
  }
}
