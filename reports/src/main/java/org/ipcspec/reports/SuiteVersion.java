package org.ipcspec.reports;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of ipcspec itself, as Maven built it: what a certificate says it was certified with. */
public final class SuiteVersion {
  private static final String VERSION = read();

  private SuiteVersion() {}

  public static String current() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = SuiteVersion.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
