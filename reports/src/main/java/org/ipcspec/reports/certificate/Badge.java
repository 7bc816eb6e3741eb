package org.ipcspec.reports.certificate;

/**
 * A badge for a README: "ipcspec posix | certified 112/112 must", green, or red when not
 * certified. Widths are estimated from the text (11 px Verdana, as the usual badges use).
 *
 * @param label the left part
 * @param message the right part
 * @param color the right part's colour
 */
record Badge(String label, String message, String color) {
  private static final double CHAR_WIDTH = 6.6;
  private static final int PADDING = 10;

  static Badge of(Certificate certificate) {
    int mustPassed = certificate.mechanisms().stream().mapToInt(m -> m.must().passed()).sum();
    int mustApplicable = certificate.mechanisms().stream().mapToInt(m -> m.must().applicable()).sum();
    String counts = mustPassed + "/" + mustApplicable + " must";
    return certificate.certified()
        ? new Badge("ipcspec " + certificate.plugin().id(), "certified " + counts, "#2e7d32")
        : new Badge("ipcspec " + certificate.plugin().id(), "not certified " + counts, "#c62828");
  }

  int labelWidth() {
    return width(label);
  }

  int messageWidth() {
    return width(message);
  }

  int totalWidth() {
    return labelWidth() + messageWidth();
  }

  int labelCenter() {
    return labelWidth() / 2;
  }

  int messageCenter() {
    return labelWidth() + messageWidth() / 2;
  }

  private static int width(String text) {
    return (int) Math.round(text.length() * CHAR_WIDTH) + 2 * PADDING;
  }
}
