package org.ipcspec.plugins.agrona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ipcspec.spec.jvm.BroadcastReceiver;
import org.ipcspec.spec.jvm.BroadcastTransmitter;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.MessageRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agrona's answers, as the agent names them (the surefire configuration passes Agrona's --add-exports). */
class AgronaRingsTest {
  @TempDir Path dir;
  private final AgronaRings rings = new AgronaRings();

  private static String code(ThrowingCall call) {
    try {
      call.run();
      return "ok";
    } catch (IpcException e) {
      return e.code();
    }
  }

  interface ThrowingCall {
    void run() throws IpcException;
  }

  @Test
  void aRingIsAFileOfTheCapacityAndAgronasTrailerAndTakesAnEighthAsItsLongestMessage() throws Exception {
    MessageRing ring = rings.create(dir.resolve("r"), 1024);
    try {
      assertThat(ring.maxMessageLength()).isEqualTo(128);
      assertThat(Files.size(dir.resolve("r"))).isGreaterThan(1024);
      assertThat(code(() -> ring.write(1, new byte[129]))).isEqualTo("EMSGSIZE");
      assertThat(code(() -> ring.write(0, new byte[1]))).isEqualTo("EINVAL");
      assertThat(code(ring::read)).isEqualTo("EAGAIN");
    } finally {
      ring.close();
    }
  }

  @Test
  void theFileIsCreatedExclusivelyAndMustExistToBeOpened() throws Exception {
    rings.create(dir.resolve("r"), 1024).close();

    assertThat(code(() -> rings.create(dir.resolve("r"), 1024))).isEqualTo("EEXIST");
    assertThat(code(() -> rings.open(dir.resolve("none")))).isEqualTo("ENOENT");
  }

  @Test
  void aCapacityThatIsNotAPowerOfTwoIsRefusedAndLeavesNoFile() {
    assertThat(code(() -> rings.create(dir.resolve("r"), 1000))).isEqualTo("EINVAL");
    assertThat(dir.resolve("r")).doesNotExist();
  }

  @Test
  void aLappedReceiverIsToldItLostMessages() throws Exception {
    AgronaBroadcasts broadcasts = new AgronaBroadcasts();
    BroadcastTransmitter transmitter = broadcasts.create(dir.resolve("b"), 1024);
    BroadcastReceiver receiver = broadcasts.open(dir.resolve("b"));
    try {
      transmitter.transmit(1, "first".getBytes(StandardCharsets.UTF_8));
      BroadcastReceiver.Received first = receiver.receive();
      assertThat(first.lost()).isFalse();
      for (int i = 2; i <= 100; i++) {
        transmitter.transmit(i, new byte[64]);
      }
      BroadcastReceiver.Received after = receiver.receive();
      assertThat(after.lost()).isTrue();
      assertThat(after.type()).isGreaterThan(2);
    } finally {
      transmitter.close();
      receiver.close();
    }
  }
}
