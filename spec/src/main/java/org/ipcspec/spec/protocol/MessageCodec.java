package org.ipcspec.spec.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Encodes messages as single JSON lines and decodes them back, with errors a person can act on. */
public final class MessageCodec {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(SerializationFeature.INDENT_OUTPUT)
          // Fields may be added in later versions: both sides ignore what they do not know.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private MessageCodec() {}

  /** The shared mapper, for building argument and result objects. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** One line of JSON, without the trailing newline. */
  public static String encode(Message message) {
    try {
      return MAPPER.writerFor(Message.class).writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + message, e);
    }
  }

  /** Parses one line. */
  public static Message decode(String line) throws ProtocolException {
    if (line == null || line.isBlank()) {
      throw new ProtocolException("empty line where a JSON message was expected");
    }
    try {
      return MAPPER.readValue(line, Message.class);
    } catch (JsonMappingException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String why = root instanceof IllegalArgumentException || root instanceof NullPointerException
          ? root.getMessage()
          : e.getOriginalMessage();
      throw new ProtocolException("invalid message: " + why + " in: " + abbreviate(line), e);
    } catch (JsonProcessingException e) {
      throw new ProtocolException("not JSON: " + e.getOriginalMessage() + " in: " + abbreviate(line), e);
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 200 ? line : line.substring(0, 200) + "...";
  }
}
