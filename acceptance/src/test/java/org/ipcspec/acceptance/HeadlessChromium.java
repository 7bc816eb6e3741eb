package org.ipcspec.acceptance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, without network: opens a page from disk as a person would, lets its
 * scripts run, and gives the document they made, or a screenshot. A fresh profile each time.
 */
final class HeadlessChromium {
  private final Path profile;

  HeadlessChromium(Path profile) {
    this.profile = profile;
  }

  /** Why Chromium cannot run here, or null when it can. */
  static String unavailable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "chromium"))) {
        return null;
      }
    }
    return "chromium is not installed (apt-get install chromium)";
  }

  /** The page's document once its scripts have run. */
  String dom(String url) throws IOException, InterruptedException {
    return new String(run(url, "--dump-dom"), StandardCharsets.UTF_8);
  }

  void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
    run(url, "--screenshot=" + png, "--window-size=" + width + "," + height);
    if (!Files.isRegularFile(png)) {
      throw new IOException("chromium made no screenshot of " + url);
    }
  }

  private byte[] run(String url, String... what) throws IOException, InterruptedException {
    // In a session of its own, so that its helper processes go with it.
    List<String> command = new ArrayList<>(List.of("setsid", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--user-data-dir=" + profile, "--virtual-time-budget=15000",
        // No network: every page is a file, and nothing may be fetched.
        "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND"));
    command.addAll(List.of(what));
    command.add(url);
    Path out = Files.createTempFile(profile.getParent(), "chromium-", ".out");
    Process chromium = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!chromium.waitFor(2, TimeUnit.MINUTES)) {
      chromium.descendants().forEach(ProcessHandle::destroyForcibly);
      chromium.destroyForcibly();
      throw new IOException("chromium did not finish with " + url);
    }
    new ProcessBuilder("kill", "-KILL", "--", "-" + chromium.pid()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
    byte[] bytes = Files.readAllBytes(out);
    Files.delete(out);
    return bytes;
  }
}
