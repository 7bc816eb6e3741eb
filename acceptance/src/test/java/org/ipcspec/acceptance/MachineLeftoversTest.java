package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole-suite check finds each kind of leftover (so that its passing means something). */
class MachineLeftoversTest {
  @TempDir Path root;

  @Test
  void aCleanMachineHasNothingToReport() throws Exception {
    MachineLeftovers leftovers = planted();
    assertThat(leftovers.find()).isEmpty();
  }

  @Test
  void everyKindOfLeftoverIsReported() throws Exception {
    Path tmp = root.resolve("tmp");
    MachineLeftovers leftovers = planted();
    Files.createDirectories(tmp.resolve("ipcspec-1234-5/s7"));
    Files.createDirectories(tmp.resolve("it-99"));
    Files.createFile(root.resolve("shm/ipcspec-1234-7-board"));
    Files.createFile(root.resolve("mqueue/ipcspec-1234-7-orders"));
    Files.writeString(root.resolve("msg"), String.join("\n",
        "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime",
        "1224736769      32768   600           0          0     0     0     0     0     0     0          0          0 1700000000",
        "         5      32769   600           0          0     0     0     0     0     0     0          0          0 1700000000",
        ""));
    ProcessBuilder sleeper = new ProcessBuilder("sleep", "60");
    sleeper.environment().put("IPCSPEC_CONTROL", tmp.resolve("ipcspec-1234-5/s7/bob.sock").toString());
    Process agent = sleeper.start();
    // Over TCP the control names no folder: the scratch folder does.
    ProcessBuilder tcpSleeper = new ProcessBuilder("sleep", "60");
    tcpSleeper.environment().put("IPCSPEC_CONTROL", "tcp:127.0.0.1:4242");
    tcpSleeper.environment().put("IPCSPEC_SCRATCH", tmp.resolve("ipcspec-1234-5/s7/carol").toString());
    Process tcpAgent = tcpSleeper.start();
    try {
      List<String> found = leftovers.find();
      assertThat(found).anySatisfy(line -> assertThat(line).startsWith("agent process " + agent.pid()));
      assertThat(found).anySatisfy(line -> assertThat(line).startsWith("agent process " + tcpAgent.pid()));
      assertThat(found).contains(
          "run folder " + tmp.resolve("ipcspec-1234-5"),
          "run folder " + tmp.resolve("it-99"),
          "shared memory object " + root.resolve("shm/ipcspec-1234-7-board"),
          "message queue " + root.resolve("mqueue/ipcspec-1234-7-orders"),
          "System V message queue 32768 (key 0x49000001)");
      assertThat(found).noneMatch(line -> line.contains("32769"));
    } finally {
      agent.destroyForcibly().waitFor();
      tcpAgent.destroyForcibly().waitFor();
    }
  }

  /** A machine of folders under the test's root, clean until something is planted in it. */
  private MachineLeftovers planted() throws Exception {
    for (String folder : List.of("tmp/other", "shm", "mqueue")) {
      Files.createDirectories(root.resolve(folder));
    }
    Files.createFile(root.resolve("tmp/ipcspec-dockerd.log")); // a log, not a run folder
    Files.createFile(root.resolve("shm/someone-else"));
    Files.writeString(root.resolve("msg"), "       key      msqid perms\n");
    return new MachineLeftovers().withFolders(root.resolve("tmp"), root.resolve("shm"), root.resolve("mqueue"), root.resolve("msg"))
        .withoutContainerEngine();
  }
}
