package org.ipcspec.suite.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every operation, answer and event of a scenario, from every participant, with monotonic times:
 * what a student reads to see what happened, and an implementer to see where it went wrong.
 */
public final class History {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One thing that happened.
   *
   * @param monotonicNs when, on the monotonic clock all processes of the machine share
   * @param participant who
   * @param kind {@code request}, {@code response}, {@code event}, {@code harness}; {@code step} and
 *     {@code step-failed} (no participant) for the scenario's steps
   * @param id the request id, for requests and responses
   * @param op the operation, for requests and responses
   * @param detail arguments, result, error or event data
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(long monotonicNs, String participant, String kind, Long id, String op, JsonNode detail) {}

  private final List<Entry> entries = new ArrayList<>();

  /** The history of the scenario this thread runs, so that Cucumber's step events can be put in it. */
  private static final ThreadLocal<History> OF_THIS_THREAD = new ThreadLocal<>();

  /** This thread now runs the scenario of this history (null: none). */
  public void bindToThisThread() {
    OF_THIS_THREAD.set(this);
  }

  public static void unbindThisThread() {
    OF_THIS_THREAD.remove();
  }

  public static java.util.Optional<History> ofThisThread() {
    return java.util.Optional.ofNullable(OF_THIS_THREAD.get());
  }

  /** A step of the scenario starts ({@code kind} {@code step}) or fails ({@code step-failed}). */
  public void step(String kind, String text) {
    add(new Entry(System.nanoTime(), null, kind, null, null, MAPPER.getNodeFactory().textNode(text)));
  }

  public synchronized void add(Entry entry) {
    entries.add(new Entry(entry.monotonicNs(), entry.participant(), entry.kind(), entry.id(), entry.op(), abbreviate(entry.detail())));
  }

  /** Long data would drown the story: keep its size and its start. */
  private static JsonNode abbreviate(JsonNode detail) {
    if (detail == null || !detail.isObject() || !detail.path("data").isTextual()) {
      return detail;
    }
    String data = detail.get("data").asText();
    if (data.length() <= 96) {
      return detail;
    }
    int bytes = data.length() / 4 * 3 - (data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0);
    return ((com.fasterxml.jackson.databind.node.ObjectNode) detail.deepCopy())
        .put("data", data.substring(0, 64) + "... (" + bytes + " bytes in all)");
  }

  public void note(String participant, String text) {
    add(new Entry(System.nanoTime(), participant, "harness", null, null, MAPPER.getNodeFactory().textNode(text)));
  }

  /** The entries ordered by time. */
  public synchronized List<Entry> entries() {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong(Entry::monotonicNs));
    return sorted;
  }

  public byte[] toJson() {
    try {
      return MAPPER.writeValueAsBytes(entries());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
