package org.ipcspec.plugins.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.ipcspec.spec.jvm.IpcException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SIGTERM, SIGKILL and the null signal through ProcessHandle, on a {@code sleep 30} child. */
class JdkProcessTerminationTest {
  private final JdkProcessTermination termination = new JdkProcessTermination();
  private Process sleeper;

  @BeforeEach
  void start() throws Exception {
    sleeper = new ProcessBuilder("sleep", "30").start();
  }

  @AfterEach
  void stop() {
    sleeper.destroyForcibly();
  }

  @Test
  void theNullSignalFindsALiveProcessAndAnswersEsrchOnceItHasEnded() throws Exception {
    assertThat(ErrorCodes.of(() -> termination.probe(sleeper.pid()))).isEqualTo("ok");
    assertThat(sleeper.isAlive()).isTrue();

    sleeper.destroyForcibly().waitFor();

    assertThat(ErrorCodes.of(() -> termination.probe(sleeper.pid()))).isEqualTo("ESRCH");
  }

  @Test
  void sigtermEndsTheProcessAndTheJdkReportsItAsExitStatus143() throws Exception {
    termination.terminate(sleeper.pid());

    assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sleeper.exitValue()).isEqualTo(128 + 15);
  }

  @Test
  void sigkillEndsTheProcessAndTheJdkReportsItAsExitStatus137() throws Exception {
    termination.kill(sleeper.pid());

    assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sleeper.exitValue()).isEqualTo(128 + 9);
  }

  @Test
  void signallingAProcessThatHasEndedAnswersEsrch() throws Exception {
    sleeper.destroyForcibly().waitFor();

    assertThat(ErrorCodes.of(() -> termination.terminate(sleeper.pid()))).isEqualTo("ESRCH");
    assertThat(ErrorCodes.of(() -> termination.kill(sleeper.pid()))).isEqualTo("ESRCH");
  }

  /** A finding: the JDK reaps its children at once; an ended child is no zombie, even unwaited. */
  @Test
  void aChildThatEndedIsGoneBeforeAnyoneWaitsForIt() throws Exception {
    Process quick = new ProcessBuilder("sh", "-c", "exit 3").start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ErrorCodes.of(() -> termination.probe(quick.pid())).equals("ok")) {
      assertThat(System.nanoTime()).as("the child is still there").isLessThan(deadline);
      Thread.sleep(20);
    }

    assertThat(ErrorCodes.of(() -> termination.probe(quick.pid()))).isEqualTo("ESRCH");
    assertThat(quick.waitFor()).isEqualTo(3);
  }

  @Test
  void theJdkRefusesToEndItsOwnProcessEperm() {
    long self = ProcessHandle.current().pid();

    assertThat(ErrorCodes.of(() -> termination.probe(self))).isEqualTo("ok");
    assertThat(ErrorCodes.of(() -> termination.terminate(self))).isEqualTo("EPERM");
    assertThat(ErrorCodes.of(() -> termination.kill(self))).isEqualTo("EPERM");
  }
}
