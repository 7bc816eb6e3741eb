package org.ipcspec.acceptance;

import org.ipcspec.suite.plugin.PluginDescriptor;
import org.junit.jupiter.api.Assumptions;

/** Whether the Wine plugin can run on this machine: skipped where it cannot, except in CI, which installs Wine. */
final class WineHere {
  private WineHere() {}

  static PluginDescriptor plugin() {
    PluginDescriptor wine = Bundled.plugin("plugins/wine");
    wine.missingHere().ifPresent(missing -> {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI=true, and the Wine plugin cannot run: " + missing);
      }
      Assumptions.abort(missing);
    });
    return wine;
  }
}
