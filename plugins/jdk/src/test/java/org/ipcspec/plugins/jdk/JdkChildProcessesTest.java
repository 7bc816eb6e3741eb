package org.ipcspec.plugins.jdk;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ipcspec.spec.jvm.ChildProcesses;
import org.ipcspec.spec.jvm.ChildProcesses.Child;
import org.ipcspec.spec.jvm.ChildProcesses.Spawn;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Children through ProcessBuilder. The agent's own command line would start another test JVM, so
 * these children run small shell commands instead; what they check (environment, working
 * directory, pipes, exit status) does not depend on the program.
 */
class JdkChildProcessesTest {
  @TempDir Path scratch;
  private Child child;

  @AfterEach
  void kill() {
    if (child != null) {
      ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private Child spawn(String shell, boolean pipeStdin, boolean pipeStdout) throws IpcException {
    JdkChildProcesses children = new JdkChildProcesses(List.of("/bin/sh", "-c", shell));
    child = children.spawn(new Spawn("kid", Path.of("/tmp/control.sock"), scratch, pipeStdin, pipeStdout));
    return child;
  }

  private static String readAll(Endpoint from) throws IpcException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] data = from.read(65536); data != null; data = from.read(65536)) {
      all.writeBytes(data);
    }
    return all.toString(US_ASCII);
  }

  @Test
  void theChildGetsTheProtocolEnvironmentAndItsScratchAsWorkingDirectory() throws Exception {
    Child kid = spawn("printf '%s|%s|%s|%s' \"$IPCSPEC_PARTICIPANT\" \"$IPCSPEC_CONTROL\" \"$IPCSPEC_SCRATCH\" \"$(pwd -P)\"", false, true);

    assertThat(readAll(kid.stdout()))
        .isEqualTo("kid|/tmp/control.sock|" + scratch + "|" + scratch.toRealPath());
    assertThat(kid.stdin()).isNull();
  }

  @Test
  void bytesWrittenToTheChildsStdinComeBackThroughItsStdoutAndEachWriteArrivesAtOnce() throws Exception {
    Child kid = spawn("exec cat", true, true);

    assertThat(kid.stdin().write("hello, kid".getBytes(US_ASCII))).isEqualTo(10);
    assertThat(new String(kid.stdout().read(65536), US_ASCII)).isEqualTo("hello, kid");

    kid.stdin().close();
    assertThat(kid.stdout().read(65536)).isNull();
  }

  @Test
  void processWaitReportsTheExitStatus() throws Exception {
    JdkChildProcesses children = new JdkChildProcesses(List.of("/bin/sh", "-c", "exit 7"));
    child = children.spawn(new Spawn("kid", Path.of("/tmp/control.sock"), scratch, false, false));

    assertThat(children.waitFor(child.pid())).isEqualTo(new ChildProcesses.Exited(7));
    assertThat(children.waitFor(child.pid())).as("waiting again").isEqualTo(new ChildProcesses.Exited(7));
  }

  /** A finding: Process.waitFor says 128+N for a death by signal N, as for exit(128+N). */
  @Test
  void aChildKilledBySigkillLooksLikeExitStatus137() throws Exception {
    JdkChildProcesses children = new JdkChildProcesses(List.of("sleep", "30"));
    child = children.spawn(new Spawn("kid", Path.of("/tmp/control.sock"), scratch, false, false));
    new JdkProcessTermination().kill(child.pid());

    assertThat(children.waitFor(child.pid())).isEqualTo(new ChildProcesses.Exited(137));

    JdkChildProcesses exiting = new JdkChildProcesses(List.of("/bin/sh", "-c", "exit 137"));
    Child other = exiting.spawn(new Spawn("kid2", Path.of("/tmp/control.sock"), scratch, false, false));
    assertThat(exiting.waitFor(other.pid())).isEqualTo(new ChildProcesses.Exited(137));
  }

  @Test
  void waitingForAProcessThatIsNotAChildOfThisAgentFailsWithEchild() {
    JdkChildProcesses children = new JdkChildProcesses(List.of("true"));

    assertThat(ErrorCodes.of(() -> children.waitFor(ProcessHandle.current().pid()))).isEqualTo("ECHILD");
  }

  @Test
  void theParentsEndOfStdinCannotBeReadAndThatOfStdoutCannotBeWrittenEbadf() throws Exception {
    Child kid = spawn("exec cat", true, true);

    assertThat(ErrorCodes.of(() -> kid.stdin().read(10))).isEqualTo("EBADF");
    assertThat(ErrorCodes.of(() -> kid.stdout().write("x".getBytes(US_ASCII)))).isEqualTo("EBADF");
  }

  @Test
  void writingWhenTheChildHasClosedItsStdinFailsWithEpipe() throws Exception {
    Child kid = spawn("exec <&-; echo closed; exec sleep 30", true, true);
    assertThat(new String(kid.stdout().read(100), US_ASCII)).isEqualTo("closed\n");

    assertThat(ErrorCodes.of(() -> kid.stdin().write("anyone there?".getBytes(US_ASCII)))).isEqualTo("EPIPE");
  }

  /** A finding: once the child has exited, the JDK closes the parent's end of its stdin pipe. */
  @Test
  void writingAfterTheChildExitedFailsWithEbadfOnceTheJdkHasClosedTheStream() throws Exception {
    Child kid = spawn("exit 0", true, false);
    ProcessHandle.of(kid.pid()).ifPresent(p -> p.onExit().join());

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    String code;
    do {
      // Until the JDK's reaper thread closes the stream, the write meets a pipe without reader.
      code = ErrorCodes.of(() -> kid.stdin().write("late".getBytes(US_ASCII)));
    } while (!code.equals("EBADF") && System.nanoTime() < deadline);

    assertThat(code).isEqualTo("EBADF");
  }

  @Test
  void anUnstartableProgramIsReportedWithItsErrno() {
    JdkChildProcesses children = new JdkChildProcesses(List.of(scratch.resolve("missing").toString()));

    assertThat(ErrorCodes.of(() -> children.spawn(new Spawn("kid", Path.of("/tmp/c.sock"), scratch, false, false))))
        .isEqualTo("ENOENT");
  }

  @Test
  void theAgentCommandIsThisJvmsLauncherAndArguments() throws IpcException {
    List<String> command = JdkChildProcesses.agentCommand();

    assertThat(command.get(0)).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
    assertThat(command.subList(1, command.size())).containsExactly(ProcessHandle.current().info().arguments().orElseThrow());
  }

  /** A finding: ProcessHandle.Info gives no arguments when /proc/self/cmdline exceeds a page. */
  @Test
  void theJdkDoesNotTellACommandLineLongerThanAPage() throws Exception {
    String padding = "/nonexistent/" + "x".repeat(5000);
    Files.createDirectories(scratch.resolve("w"));
    try (ChildJvm child = ChildJvm.start(scratch.resolve("w"), "", CommandLineProbe.class)) {
      assertThat(child.exitValue()).isZero();
      assertThat(child.lines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING).startsWith("command [");
    }
    String classPath = System.getProperty("java.class.path") + ":" + padding;
    Process probe = new ProcessBuilder(
            ProcessHandle.current().info().command().orElseThrow(), "-cp", classPath, CommandLineProbe.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(probe.getInputStream().readAllBytes(), US_ASCII);

    assertThat(probe.waitFor()).isZero();
    assertThat(output).startsWith("INTERNAL the JDK does not tell this agent's command line");
  }
}
