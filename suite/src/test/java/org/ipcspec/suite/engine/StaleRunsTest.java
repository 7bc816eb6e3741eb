package org.ipcspec.suite.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleRunsTest {
  @TempDir Path root;

  @Test
  void theFolderOfARunWhoseProcessIsGoneIsRemovedAndALiveRunsIsKept() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
    Path stale = Files.createDirectories(root.resolve("ipcspec-" + ended.pid() + "-42").resolve("s1"));
    Path live = Files.createDirectories(root.resolve(StaleRuns.prefixOfThisProcess() + "7"));
    Path unrelated = Files.createDirectories(root.resolve("ipcspec-notes"));

    StaleRuns.removeIn(root);

    assertThat(stale.getParent()).doesNotExist();
    assertThat(live).exists();
    assertThat(unrelated).exists();
  }

  @Test
  void theQueuesAndSharedMemoryOfARunWhoseProcessIsGoneAreRemoved() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
    Path stale = Files.createFile(root.resolve("ipcspec-" + ended.pid() + "-12-orders"));
    Path live = Files.createFile(root.resolve(StaleRuns.prefixOfThisProcess() + "3-board"));
    Path unrelated = Files.createFile(root.resolve("ipcspec-board"));

    StaleRuns.removeObjectsIn(root);

    assertThat(stale).doesNotExist();
    assertThat(live).exists();
    assertThat(unrelated).exists();
  }
}
