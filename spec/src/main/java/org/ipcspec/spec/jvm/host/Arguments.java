package org.ipcspec.spec.jvm.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ipcspec.spec.jvm.Address;

/** Typed access to a request's arguments, failing with BAD_ARGS on anything wrong. */
final class Arguments {
  /** The names of shared memory objects and POSIX message queues (PROTOCOL.md, section 6). */
  private static final Pattern IPC_NAME = Pattern.compile("/[A-Za-z0-9._-]{1,200}");

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

  /** An integer that fits a C {@code int}, or the fallback when absent. */
  int integer(String name, int fallback) throws BadArgumentsException {
    return args.has(name) ? integer(name) : fallback;
  }

  /** An integer of 0 or more (a size, an offset, a count). */
  long natural(String name) throws BadArgumentsException {
    long value = number(name);
    if (value < 0) {
      throw new BadArgumentsException("argument '" + name + "' must be 0 or more, not " + value);
    }
    return value;
  }

  /** An integer of 0 or more, or the fallback when absent. */
  long natural(String name, long fallback) throws BadArgumentsException {
    return args.has(name) ? natural(name) : fallback;
  }

  /** Permission bits, 0 to 07777; the fallback when absent. */
  int mode(String name, int fallback) throws BadArgumentsException {
    long mode = number(name, fallback);
    if (mode < 0 || mode > 07777) {
      throw new BadArgumentsException("argument '" + name + "' must be permission bits (0 to 4095), not " + mode);
    }
    return (int) mode;
  }

  /** One of the given words, mapped to its value. */
  <T> T choice(String name, Map<String, T> values) throws BadArgumentsException {
    if (!args.has(name)) {
      throw new BadArgumentsException("argument '" + name + "' is missing: one of " + values.keySet());
    }
    T value = values.get(string(name));
    if (value == null) {
      throw new BadArgumentsException("argument '" + name + "' must be one of " + values.keySet() + ", not " + args.get(name));
    }
    return value;
  }

  /** One of the given words, mapped to its value; the fallback when absent. */
  <T> T choice(String name, Map<String, T> values, T fallback) throws BadArgumentsException {
    return args.has(name) ? choice(name, values) : fallback;
  }

  /** The name of a shared memory object or message queue: {@code /} and 1 to 200 of {@code [A-Za-z0-9._-]}. */
  String ipcName(String name) throws BadArgumentsException {
    String text = string(name);
    if (!IPC_NAME.matcher(text).matches()) {
      throw new BadArgumentsException(
          "argument '" + name + "' must be / followed by 1 to 200 letters, digits, '.', '_' or '-', not " + text);
    }
    return text;
  }

  /** A socket address (PROTOCOL.md, "Sockets"): {@code {"family":"unix","path":S}} or {@code {"family":"inet","host":S,"port":N}}. */
  Address address(String name) throws BadArgumentsException {
    JsonNode node = args.get(name);
    if (node == null || node.isNull()) {
      throw new BadArgumentsException("argument '" + name + "' is missing: a socket address");
    }
    if (!node.isObject()) {
      throw new BadArgumentsException("argument '" + name + "' must be a socket address object, not " + node);
    }
    Arguments address = new Arguments((ObjectNode) node);
    String family;
    try {
      family = address.string("family");
    } catch (BadArgumentsException e) {
      throw new BadArgumentsException("argument '" + name + "': " + e.getMessage());
    }
    try {
      switch (family) {
        case "unix":
          return new Address.Unix(address.string("path"));
        case "inet":
          String host = address.string("host");
          if (!Address.Inet.isDotted(host)) {
            throw new BadArgumentsException("argument 'host' must be a dotted IPv4 address such as 127.0.0.1, not " + host);
          }
          long port = address.number("port");
          if (port < 0 || port > 65535) {
            throw new BadArgumentsException("argument 'port' must be 0 to 65535, not " + port);
          }
          return new Address.Inet(host, (int) port);
        default:
          throw new BadArgumentsException("argument 'family' must be unix or inet, not " + family);
      }
    } catch (BadArgumentsException e) {
      throw new BadArgumentsException("argument '" + name + "': " + e.getMessage());
    }
  }

  /** A socket address, or null when absent. */
  Address optionalAddress(String name) throws BadArgumentsException {
    return has(name) ? address(name) : null;
  }

  byte[] bytes(String name) throws BadArgumentsException {
    try {
      return Base64.getDecoder().decode(string(name));
    } catch (IllegalArgumentException e) {
      throw new BadArgumentsException("argument '" + name + "' is not base64: " + e.getMessage());
    }
  }
}
