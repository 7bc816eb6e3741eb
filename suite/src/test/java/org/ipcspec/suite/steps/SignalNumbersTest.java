package org.ipcspec.suite.steps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The numbers behind the exit status of a process killed by a signal, real-time ones included. */
class SignalNumbersTest {
  @Test
  void standardSignalsHaveTheirLinuxNumbers() {
    assertThat(SignalNumbers.numberOf("SIGUSR1")).isEqualTo(10);
    assertThat(SignalNumbers.numberOf("SIGTERM")).isEqualTo(15);
    assertThat(SignalNumbers.fromJavaExitStatus(128 + 10)).isEqualTo("SIGUSR1");
  }

  @Test
  void realTimeSignalsCountFromGlibcsSigrtmin() {
    assertThat(SignalNumbers.numberOf("SIGRTMIN")).isEqualTo(34);
    assertThat(SignalNumbers.numberOf("SIGRTMIN+2")).isEqualTo(36);
  }

  @Test
  void anUnknownNameHasNoNumber() {
    assertThat(SignalNumbers.numberOf("SIGNOPE")).isNull();
  }
}
