package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ipcspec.suite.agent.Timeouts;
import org.ipcspec.suite.engine.Directories;
import org.ipcspec.suite.engine.Verification;
import org.ipcspec.suite.engine.VerificationResult;
import org.ipcspec.suite.plugin.PluginDescriptor;
import org.ipcspec.suite.steps.SystemObjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of tests that run the suite. Each test gets its own work root (so that other runs on the
 * machine do not disturb the check); after it, no agent process and nothing in that root remains.
 */
abstract class LeavesNothingBehind {
  /** Where the runs of this test make their FIFOs and sockets; short, for socket path limits. */
  protected Path workRoot;

  @BeforeEach
  void makeWorkRoot() throws IOException {
    workRoot = Files.createTempDirectory(Path.of("/tmp"), "it-");
    // Participants that run as another user pass through it to their sockets.
    Files.setPosixFilePermissions(workRoot, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
  }

  @AfterEach
  void nothingLeftBehind() throws IOException {
    List<ProcessHandle> alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    try (Stream<Path> left = Files.list(workRoot)) {
      assertThat(alive).as("agent processes left running").isEmpty();
      assertThat(orphans()).as("agents of this test's runs, re-parented and still running").isEmpty();
      assertThat(left.toList()).as("run directories left in " + workRoot).isEmpty();
      assertThat(SystemObjects.leftovers()).as("shared memory objects and message queues left").isEmpty();
    } finally {
      Directories.deleteRecursively(workRoot);
    }
  }

  /**
   * Any process on the machine whose control socket or scratch folder lies under this test's work
   * root (over TCP only the scratch folder says so): an agent's child whose parent died is no
   * descendant of the test any more, but still ours.
   */
  private List<Long> orphans() {
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
        .filter(pid -> {
          try {
            String environ = Files.readString(Path.of("/proc", pid.toString(), "environ"), java.nio.charset.StandardCharsets.ISO_8859_1);
            return MachineLeftovers.isAgentUnder(environ, workRoot);
          } catch (IOException | RuntimeException e) {
            return false; // gone meanwhile, or not ours to read
          }
        }).toList();
  }

  protected VerificationResult verify(PluginDescriptor plugin, Path out) throws IOException {
    return Verification.of(plugin).withOutput(out).withWorkRoot(workRoot).withParallelism(2).run();
  }

  protected VerificationResult verify(PluginDescriptor plugin, Path out, String tags, double timeoutScale) throws IOException {
    return Verification.of(plugin).withOutput(out).withWorkRoot(workRoot).withTags(tags).withParallelism(2)
        .withTimeouts(Timeouts.defaults().scaled(timeoutScale)).run();
  }
}
