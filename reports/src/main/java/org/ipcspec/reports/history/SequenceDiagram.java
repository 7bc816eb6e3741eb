package org.ipcspec.reports.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ipcspec.reports.pages.Templates;

/**
 * Draws a scenario's history ({@code history.json}: every request, response, event and step, in
 * monotonic time order) as a sequence diagram in SVG: a lifeline per participant, time going down,
 * each operation a bar from request to answer (red when it failed), arrows for what passed between
 * participants (data, signals, connections), the steps as bands, and the failing step in red.
 */
public final class SequenceDiagram {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LEFT = 250;
  private static final int COLUMN = 230;
  private static final int TOP = 50;
  private static final int ROW = 20;
  private static final Set<String> SENDS = Set.of("write", "socket.send", "mq.send", "msg.send");
  private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]");
  private static final Set<String> RECEIVES = Set.of("read", "socket.receive", "mq.receive", "msg.receive");

  private final List<Map<String, Object>> lifelines = new ArrayList<>();
  private final List<Map<String, Object>> bands = new ArrayList<>();
  private final List<Map<String, Object>> bars = new ArrayList<>();
  private final List<Map<String, Object>> labels = new ArrayList<>();
  private final List<Map<String, Object>> arrows = new ArrayList<>();
  private final Map<String, Integer> columns = new LinkedHashMap<>();
  private final Map<Long, String> participantOfPid = new HashMap<>();
  /** Signals sent and not yet seen caught: drawn to the catch, or at the send's answer if never caught. */
  private final List<SignalSent> signals = new ArrayList<>();
  /** Signals caught before the send that caused them was answered. */
  private final List<Caught> pendingCatches = new ArrayList<>();

  private SequenceDiagram() {}

  /** The SVG of {@code historyJson}. */
  public static String render(byte[] historyJson) throws IOException {
    JsonNode entries = JSON.readTree(historyJson);
    return new SequenceDiagram().draw(entries);
  }

  private String draw(JsonNode entries) {
    for (JsonNode entry : entries) {
      String who = entry.path("participant").asText("");
      if (!who.isEmpty() && !who.equals("harness") && !columns.containsKey(who)) {
        columns.put(who, columns.size());
      }
      if (entry.path("op").asText().equals("hello")) {
        participantOfPid.put(entry.path("detail").path("pid").asLong(), who);
      }
    }
    Map<String, Open> open = new HashMap<>();
    List<Send> sends = new ArrayList<>();
    List<Open> connects = new ArrayList<>();
    int row = 0;
    for (JsonNode entry : entries) {
      int y = TOP + 30 + row * ROW;
      String who = entry.path("participant").asText("");
      String kind = entry.path("kind").asText();
      JsonNode detail = entry.path("detail");
      Integer column = columns.get(who);
      switch (kind) {
        case "step" -> bands.add(Map.of("y", y - 14, "height", ROW, "text", abbreviate(detail.asText(), 400), "css", "step"));
        case "step-failed" -> bands.add(Map.of("y", y - 14, "height", ROW,
            "text", abbreviate("FAILED: " + firstLine(detail.asText()), (LEFT + columns.size() * COLUMN) / 7), "css", "failed"));
        case "request" -> {
          if (column == null) {
            continue;
          }
          Open request = new Open(who, entry.path("op").asText(), detail, y);
          open.put(who + "#" + entry.path("id").asLong(), request);
          label(column, y, "▶ " + request.op + summary(detail), "request");
          if (SENDS.contains(request.op) && detail.has("data")) {
            sends.add(new Send(who, y, bytes(detail.path("data").asText())));
          }
          if (request.op.equals("socket.connect")) {
            connects.add(request);
          }
        }
        case "response" -> {
          if (column == null) {
            continue;
          }
          Open request = open.remove(who + "#" + entry.path("id").asLong());
          boolean failed = detail.has("code") || detail.has("error");
          String text = failed ? "✗ " + detail.path("code").asText(detail.path("error").path("code").asText("error")) : "◀ " + result(detail);
          label(column, y, text, failed ? "error" : "response");
          if (request != null) {
            bars.add(Map.of("x", x(column) - 4, "y", request.y - 10, "height", Math.max(8, y - request.y + 4), "css", failed ? "bar failed" : "bar"));
            connect(request, entry, y, sends, connects);
          }
        }
        case "event" -> {
          if (column == null) {
            continue;
          }
          String op = entry.path("op").asText();
          if (op.equals("signal")) {
            caught(who, detail.path("signal").asText(), y);
          }
          label(column, y, op.equals("hello") ? "hello, pid " + detail.path("pid").asText()
              : op.equals("signal") ? "⚡ " + detail.path("signal").asText() + " caught" : op + " " + summary(detail), op.equals("signal") ? "signal" : "event");
        }
        default -> {
          if (column == null) {
            continue;
          }
          label(column, y, firstLine(detail.asText()), "note");
        }
      }
      row++;
    }
    for (SignalSent signal : signals) {
      arrow(signal.who, signal.sentY, signal.target, signal.answeredY, signal.signal, "signal");
    }
    int height = TOP + 40 + row * ROW;
    columns.forEach((name, column) -> lifelines.add(Map.of("x", x(column), "name", name, "top", 34, "bottom", height - 10, "boxX", x(column) - 60)));
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("width", LEFT + columns.size() * COLUMN + 40);
    scope.put("height", height);
    scope.put("lifelines", lifelines);
    scope.put("bands", bands);
    scope.put("bars", bars);
    scope.put("labels", labels);
    scope.put("arrows", arrows);
    scope.put("right", LEFT + columns.size() * COLUMN + 30);
    return Templates.render("sequence.svg", scope);
  }

  /** What passed between participants at this answer: data read, a signal sent, a connection accepted. */
  private void connect(Open request, JsonNode response, int y, List<Send> sends, List<Open> connects) {
    JsonNode result = response.path("detail");
    if (RECEIVES.contains(request.op) && result.has("data")) {
      byte[] got = bytes(result.path("data").asText());
      for (Iterator<Send> it = sends.iterator(); it.hasNext(); ) {
        Send send = it.next();
        if (!send.who.equals(request.who) && got.length > 0 && startsAlike(send.data, got)) {
          arrow(send.who, send.y, request.who, y, quoted(got), "data");
          it.remove();
          break;
        }
      }
    }
    if (request.op.equals("signal.send") && !result.has("code")) {
      String target = participantOfPid.get(request.args.path("pid").asLong());
      String signal = request.args.path("signal").asText();
      Caught early = target == null ? null : pendingCatches.stream()
          .filter(c -> c.who.equals(target) && c.signal.equals(signal) && c.y > request.y).findFirst().orElse(null);
      if (early != null) {
        pendingCatches.remove(early);
        arrow(request.who, request.y, target, early.y, signal, "signal");
      } else if (target != null) {
        signals.add(new SignalSent(request.who, request.y, y, target, signal));
      }
    }
    if (request.op.equals("socket.accept") && !result.has("code") && !connects.isEmpty()) {
      Open connect = connects.remove(0);
      arrow(connect.who, connect.y, request.who, y, "connect", "connection");
    }
  }

  private void caught(String who, String signal, int y) {
    for (Iterator<SignalSent> it = signals.iterator(); it.hasNext(); ) {
      SignalSent sent = it.next();
      if (sent.target.equals(who) && sent.signal.equals(signal)) {
        arrow(sent.who, sent.sentY, who, y, signal, "signal");
        it.remove();
        return;
      }
    }
    pendingCatches.add(new Caught(who, signal, y));
  }

  private void arrow(String from, int fromY, String to, int toY, String text, String css) {
    Integer a = columns.get(from);
    Integer b = columns.get(to);
    if (a == null || b == null || a.equals(b)) {
      return;
    }
    int x1 = x(a);
    int x2 = x(b);
    arrows.add(Map.of("x1", x1, "y1", fromY - 4, "x2", x2 + (x2 > x1 ? -6 : 6), "y2", toY - 4, "text", text, "css", css,
        "tx", (x1 + x2) / 2, "ty", (fromY + toY) / 2 - 8));
  }

  private void label(int column, int y, String text, String css) {
    labels.add(Map.of("x", x(column) + 8, "y", y, "text", abbreviate(text, 34), "full", abbreviate(text, 4000), "css", css));
  }

  private static int x(int column) {
    return LEFT + column * COLUMN;
  }

  private static String summary(JsonNode args) {
    if (args == null || !args.isObject() || args.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    args.fields().forEachRemaining(field -> {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.equals("data")) {
        parts.add(quoted(bytes(value.asText())));
      } else if (!key.equals("handle") && !key.equals("control") && !key.equals("scratch") && !key.equals("capabilities")
          && !key.equals("implementation") && !key.equals("monotonicNs") && !key.equals("type") && !key.equals("protocol")) {
        parts.add(value.isValueNode() ? lastPart(value.asText()) : address(value).orElse(key));
      }
    });
    return parts.isEmpty() ? "" : " " + String.join(" ", parts);
  }

  private static String result(JsonNode detail) {
    if (detail.has("data")) {
      return detail.path("eof").asBoolean() ? "end of file" : quoted(bytes(detail.path("data").asText()));
    }
    String text = summary(detail).strip();
    return text.isEmpty() ? "ok" : text;
  }

  /** A socket address as people write it: the socket file's name, or host:port. */
  private static Optional<String> address(JsonNode value) {
    if (value.has("path")) {
      String path = value.path("path").asText();
      return Optional.of(path.isEmpty() ? "(unnamed)" : lastPart(path));
    }
    if (value.has("port")) {
      return Optional.of(value.path("host").asText() + ":" + value.path("port").asText());
    }
    return Optional.empty();
  }

  /** The file name of a path: the folders of a run mean nothing to a reader. */
  private static String lastPart(String value) {
    return value.startsWith("/") && value.lastIndexOf('/') > 0 ? value.substring(value.lastIndexOf('/') + 1) : value;
  }

  /** The bytes of base64 data; the history abbreviates long data to its start, which is what is decoded. */
  private static byte[] bytes(String base64) {
    String start = base64.split("\\.\\.\\.", 2)[0].strip();
    try {
      return Base64.getDecoder().decode(start.substring(0, start.length() / 4 * 4));
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static boolean startsAlike(byte[] sent, byte[] got) {
    int n = Math.min(Math.min(sent.length, got.length), 16);
    if (n == 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (sent[i] != got[i]) {
        return false;
      }
    }
    return true;
  }

  private static String quoted(byte[] data) {
    StringBuilder text = new StringBuilder("\"");
    String decoded = new String(data, StandardCharsets.ISO_8859_1);
    for (char c : decoded.toCharArray()) {
      text.append(c >= 32 && c < 127 ? c : '·');
    }
    return abbreviate(text.append('"').toString(), 22);
  }

  /** Shortened, and without the control characters XML forbids (a message may carry any byte). */
  private static String abbreviate(String text, int max) {
    String clean = CONTROL.matcher(text).replaceAll("·");
    return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
  }

  private static String firstLine(String text) {
    return abbreviate(text.lines().findFirst().orElse(""), 160);
  }

  private record Open(String who, String op, JsonNode args, int y) {}

  private record Send(String who, int y, byte[] data) {}

  private record SignalSent(String who, int sentY, int answeredY, String target, String signal) {}

  private record Caught(String who, String signal, int y) {}
}
