package org.ipcspec.reports.pages;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ipcspec.reports.Verdict;

/**
 * The pages and pictures ipcspec writes (certificate, badge, matrix) are Mustache templates in
 * this package's resources; values are HTML-escaped as they go in.
 */
public final class Templates {
  private static final MustacheFactory FACTORY = new DefaultMustacheFactory("org/ipcspec/reports/pages");

  private Templates() {}

  /** The CSS class of a verdict in every page: {@code expected-fail} for EXPECTED_FAIL. */
  public static String cssClass(Verdict verdict) {
    return verdict.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The template {@code name} (such as {@code certificate.html}) filled from {@code scope}. */
  public static String render(String name, Object scope) {
    Mustache template = FACTORY.compile(name + ".mustache");
    StringWriter out = new StringWriter();
    template.execute(out, scope);
    return out.toString();
  }

  public static void write(String name, Object scope, Path file) {
    try {
      Files.writeString(file, render(name, scope), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
