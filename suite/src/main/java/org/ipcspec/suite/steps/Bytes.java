package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Bytes as the steps send them, get them back, and show them in a verdict's message. */
final class Bytes {
  private Bytes() {}

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes as the protocol carries them: base64. */
  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The {@code data} of a result, base64 in the protocol. */
  static byte[] data(ObjectNode result) {
    return Base64.getDecoder().decode(result.path("data").asText());
  }

  /** Printable: quoted, other bytes as {@code ?}; a long one by its length and its start. */
  static String show(byte[] data) {
    if (data.length > 64) {
      return data.length + " bytes (\"" + printable(new String(data, 0, 24, StandardCharsets.ISO_8859_1)) + "...\")";
    }
    return "\"" + printable(new String(data, StandardCharsets.ISO_8859_1)) + "\"";
  }

  private static String printable(String text) {
    return text.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
