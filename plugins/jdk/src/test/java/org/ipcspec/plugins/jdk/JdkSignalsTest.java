package org.ipcspec.plugins.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.SignalCatching;
import org.ipcspec.spec.jvm.SignalCatching.Action;
import org.ipcspec.spec.jvm.SignalCatching.Delivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Signals through sun.misc.Signal. Tests whose signal could end a JVM run in a child JVM
 * ({@link SignalProbe}); the others use this JVM, and leave SIGUSR1 ignored, never at its
 * default action.
 */
class JdkSignalsTest {
  private final JdkSignals signals = new JdkSignals();
  @TempDir Path dir;

  private static void kill(String signal, long pid) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor()).isZero();
  }

  private IpcException failure(String signal, Action action) {
    try {
      signals.handle(signal, action, delivery -> {});
    } catch (IpcException e) {
      return e;
    }
    throw new AssertionError(action + " " + signal + " succeeded");
  }

  @Test
  void aCaughtSigusr1SentWithKillIsReportedOnceWithoutSenderOrCode() throws Exception {
    BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    signals.handle("SIGUSR1", Action.CATCH, deliveries::add);
    try {
      kill("USR1", ProcessHandle.current().pid());

      assertThat(deliveries.poll(10, TimeUnit.SECONDS)).isEqualTo(new Delivery("SIGUSR1", null, null, null));
      assertThat(deliveries.poll(300, TimeUnit.MILLISECONDS)).isNull();
    } finally {
      signals.handle("SIGUSR1", Action.IGNORE, delivery -> {});
    }
  }

  @Test
  void anIgnoredSignalIsNeitherReportedNorFatal() throws Exception {
    BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    signals.handle("SIGUSR1", Action.CATCH, deliveries::add);
    signals.handle("SIGUSR1", Action.IGNORE, deliveries::add);

    kill("USR1", ProcessHandle.current().pid());

    assertThat(deliveries.poll(500, TimeUnit.MILLISECONDS)).isNull();
  }

  @ParameterizedTest
  @EnumSource(Action.class)
  void sigkillAndSigstopCannotBeHandledEinval(Action action) {
    assertThat(failure("SIGKILL", action).code()).isEqualTo("EINVAL");
    assertThat(failure("SIGSTOP", action))
        .hasMessage("the JDK refuses to handle SIGSTOP: Signal already used by VM or OS: SIGSTOP");
  }

  @ParameterizedTest
  @EnumSource(Action.class)
  void hotSpotKeepsSigquitSigillSigfpeAndSigsegvForItselfEinval(Action action) {
    for (String signal : new String[] {"SIGQUIT", "SIGILL", "SIGFPE", "SIGSEGV"}) {
      IpcException failure = failure(signal, action);
      assertThat(failure.code()).isEqualTo("EINVAL");
      assertThat(failure).hasMessageEndingWith("Signal already used by VM or OS: " + signal);
    }
  }

  @Test
  void realTimeSignalsAreUnknownToTheJdkEinval() {
    IpcException failure = failure("SIGRTMIN+1", Action.CATCH);

    assertThat(failure.code()).isEqualTo("EINVAL");
    assertThat(failure).hasMessage("the JDK does not know SIGRTMIN+1: Unknown signal: RTMIN+1");
    assertThat(failure("SIGRTMIN", Action.IGNORE)).hasMessageEndingWith("Unknown signal: RTMIN");
  }

  @Test
  void sigusr2CanBeCaughtThoughHotSpotHadAHandlerForIt() throws Exception {
    try (ChildJvm child = ChildJvm.start(dir, "", SignalProbe.class, "CATCH", "SIGUSR2")) {
      child.awaitLine("ready");
      child.kill("USR2");
      child.awaitLine("caught SIGUSR2");
      assertThat(child.lines()).contains("CATCH SIGUSR2: ok");
    }
  }

  /** A finding on JDK 17: HotSpot's suspend/resume handler on SIGUSR2 crashes on an outside SIGUSR2. */
  @Test
  void withoutAHandlerAnOutsideSigusr2CrashesHotSpot17() throws Exception {
    assumeTrue(Runtime.version().feature() == 17, "observed on JDK 17");
    try (ChildJvm child = ChildJvm.start(dir, "", SignalProbe.class)) {
      child.awaitLine("ready");
      child.kill("USR2");

      assertThat(child.exitValue()).as("128 + SIGABRT").isEqualTo(134);
      assertThat(String.join("\n", child.lines()))
          .contains("A fatal error has been detected by the Java Runtime Environment")
          .contains("SR_handler");
    }
  }

  @Test
  void withoutAnyActionTheJvmEndsOnSigtermThroughItsShutdownHooksWithExitStatus143() throws Exception {
    try (ChildJvm child = ChildJvm.start(dir, "", SignalProbe.class)) {
      child.awaitLine("ready");
      child.kill("TERM");

      assertThat(child.exitValue()).isEqualTo(143);
      assertThat(child.lines()).contains("hook");
    }
  }

  @Test
  void restoringTheDefaultActionOfSigtermEndsTheJvmWithoutShutdownHooks() throws Exception {
    try (ChildJvm child = ChildJvm.start(dir, "", SignalProbe.class, "DEFAULT", "SIGTERM")) {
      child.awaitLine("ready");
      child.kill("TERM");

      assertThat(child.exitValue()).isEqualTo(143);
      assertThat(child.lines()).contains("DEFAULT SIGTERM: ok").doesNotContain("hook", "survived");
    }
  }

  @Test
  void aCaughtSigtermLeavesTheJvmRunning() throws Exception {
    try (ChildJvm child = ChildJvm.start(dir, "", SignalProbe.class, "CATCH", "SIGTERM")) {
      child.awaitLine("ready");
      child.kill("TERM");
      child.awaitLine("caught SIGTERM");

      assertThat(child.lines()).doesNotContain("hook");
    }
  }

  /** A finding: HotSpot leaves SIGHUP, SIGINT and SIGTERM alone while they are ignored. */
  @Test
  void aSigintIgnoredFromTheStartCanBeNeitherCaughtNorRestoredEinval() throws Exception {
    try (ChildJvm child = ChildJvm.start(dir, "trap '' INT;", SignalProbe.class, "CATCH", "SIGINT", "DEFAULT", "SIGINT")) {
      child.awaitLine("ready");
      child.kill("INT");
      Thread.sleep(500);

      assertThat(child.lines()).contains(
          "CATCH SIGINT: EINVAL the JDK left SIGINT ignored: HotSpot installs no handler and no default action for "
              + "SIGHUP, SIGINT or SIGTERM while it is ignored (Signal.handle returned SIG_IGN)",
          "DEFAULT SIGINT: EINVAL the JDK left SIGINT ignored: HotSpot installs no handler and no default action for "
              + "SIGHUP, SIGINT or SIGTERM while it is ignored (Signal.handle returned SIG_IGN)");
      assertThat(child.lines()).doesNotContain("caught SIGINT");
      assertThat(ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive)).contains(true);
    }
  }

  @Test
  void aSigtermIgnoredByRequestCannotBeCaughtAgainEinval() throws Exception {
    try (ChildJvm child = ChildJvm.start(dir, "", SignalProbe.class, "IGNORE", "SIGTERM", "CATCH", "SIGTERM")) {
      child.awaitLine("ready");

      assertThat(child.lines()).contains("IGNORE SIGTERM: ok");
      assertThat(child.lines()).anyMatch(line -> line.startsWith("CATCH SIGTERM: EINVAL the JDK left SIGTERM ignored"));
    }
  }

  @Test
  void aSigusr1IgnoredByRequestCanBeCaughtAgain() throws Exception {
    try (ChildJvm child = ChildJvm.start(dir, "", SignalProbe.class, "IGNORE", "SIGUSR1", "CATCH", "SIGUSR1")) {
      child.awaitLine("ready");
      child.kill("USR1");
      child.awaitLine("caught SIGUSR1");
    }
  }

  @Test
  void theDefaultActionOfSigpipeEndsTheJvmWhichTheJdkOtherwiseKeepsAlive() throws Exception {
    try (ChildJvm child = ChildJvm.start(dir, "", SignalProbe.class, "DEFAULT", "SIGPIPE")) {
      child.awaitLine("ready");
      child.kill("PIPE");

      assertThat(child.exitValue()).as("128 + SIGPIPE").isEqualTo(141);
    }
    try (ChildJvm child = ChildJvm.start(dir, "", SignalProbe.class)) {
      child.awaitLine("ready");
      child.kill("PIPE");
      Thread.sleep(500);

      assertThat(ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive)).contains(true);
    }
  }

  @Test
  void deliveriesNameTheSignalAsItWasAskedFor() throws Exception {
    BlockingQueue<SignalCatching.Delivery> deliveries = new LinkedBlockingQueue<>();
    signals.handle("SIGCLD", Action.CATCH, deliveries::add);
    try {
      kill("CHLD", ProcessHandle.current().pid());

      assertThat(deliveries.poll(10, TimeUnit.SECONDS)).extracting(Delivery::signal).isEqualTo("SIGCLD");
    } finally {
      signals.handle("SIGCHLD", Action.DEFAULT, delivery -> {});
    }
  }
}
