package org.ipcspec.reports;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A manual page a scenario cites as its source, written as in the tag: {@code fifo(7)},
 * {@code mq_send(3)}.
 *
 * @param name the page's name ({@code fifo})
 * @param section its section, with any suffix ({@code 7}, {@code 3p})
 */
public record ManualPage(String name, String section) {
  private static final Pattern TAG = Pattern.compile("([a-z_][a-z0-9_.]*)\\(([0-9][a-z]*)\\)");

  /** The page a source names, if it names one (a claim such as SEED-FIFO-1 names none). */
  public static Optional<ManualPage> parse(String source) {
    Matcher page = TAG.matcher(source);
    return page.matches() ? Optional.of(new ManualPage(page.group(1), page.group(2))) : Optional.empty();
  }

  /** How to read it here: {@code man 7 fifo}. */
  public String command() {
    return "man " + section + " " + name;
  }

  /** The page on man7.org, which keeps the Linux man-pages project online. */
  public String url() {
    return "https://man7.org/linux/man-pages/man" + section.charAt(0) + "/" + name + "." + section + ".html";
  }

  @Override
  public String toString() {
    return name + "(" + section + ")";
  }
}
