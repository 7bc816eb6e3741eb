package org.ipcspec.suite.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The source article's claims, by ID, from {@code features/claims.md} (class path {@code ipcspec/features/claims.md}). */
public final class Claims {
  private static final Pattern LINE = Pattern.compile("^- (SEED-[A-Z]+-\\d+): (.+)$", Pattern.MULTILINE);

  private final Map<String, String> texts;

  private Claims(Map<String, String> texts) {
    this.texts = Map.copyOf(texts);
  }

  public static Claims bundled() {
    try (InputStream in = Claims.class.getResourceAsStream("/ipcspec/features/claims.md")) {
      if (in == null) {
        return new Claims(Map.of());
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the claims", e);
    }
  }

  static Claims parse(String markdown) {
    Map<String, String> texts = new LinkedHashMap<>();
    Matcher line = LINE.matcher(markdown);
    while (line.find()) {
      texts.put(line.group(1), line.group(2).strip());
    }
    return new Claims(texts);
  }

  public Optional<String> text(String id) {
    return Optional.ofNullable(texts.get(id));
  }

  public Map<String, String> all() {
    return texts;
  }
}
