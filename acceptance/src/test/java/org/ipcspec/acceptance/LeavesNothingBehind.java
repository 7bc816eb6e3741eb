package org.ipcspec.acceptance;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of tests that run the suite: after each, no agent process and no run directory remains. */
abstract class LeavesNothingBehind {
  private Set<Path> before;

  @BeforeEach
  void rememberRunDirectories() throws Exception {
    before = Bundled.runDirectories();
  }

  @AfterEach
  void nothingLeftBehind() throws Exception {
    Bundled.assertNothingLeftBehind(before);
  }
}
