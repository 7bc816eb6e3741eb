package org.ipcspec.suite.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.Timeouts;
import org.ipcspec.suite.plugin.DescriptorException;
import org.ipcspec.suite.plugin.PluginCatalog;

/**
 * The run the step definitions use when the features are started by a plain JUnit Platform
 * launch (a {@code @Suite} class) rather than by {@link Verification}: one per JVM, made on
 * first use, its directory removed when the JVM ends.
 */
final class StandaloneRun {
  private static CertificationRun run;

  private StandaloneRun() {}

  static synchronized CertificationRun get() {
    if (run == null) {
      String id = System.getProperty("ipcspec.plugin", "posix");
      Path home = Path.of(System.getProperty("ipcspec.home", ".")).toAbsolutePath().normalize();
      try {
        var plugin = PluginCatalog.discover(home, List.of()).find(id).orElseThrow(() ->
            new HarnessException("no plugin " + id + " under " + home + "/plugins (set ipcspec.home and ipcspec.plugin)"));
        StaleRuns.removeIn(Path.of("/tmp"));
        StaleRuns.removeStaleSystemObjects();
        Path workDir = StaleRuns.newRunFolder(Path.of("/tmp"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            Directories.deleteRecursively(workDir);
          } catch (IOException e) {
            System.err.println("ipcspec: could not remove " + workDir + ": " + e.getMessage());
          }
        }));
        run = new CertificationRun(plugin, Timeouts.defaults(), workDir, result -> {});
      } catch (DescriptorException | IOException e) {
        throw new HarnessException("cannot set up a standalone run: " + e.getMessage(), e);
      }
    }
    return run;
  }
}
