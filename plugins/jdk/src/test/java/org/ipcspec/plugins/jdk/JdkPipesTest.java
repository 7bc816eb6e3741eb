package org.ipcspec.plugins.jdk;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ipcspec.plugins.nio.SelectableChannelSwitch;
import org.ipcspec.plugins.nio.ChannelEndpoint;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.Pipes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipes through java.nio.channels.Pipe, and O_NONBLOCK through configureBlocking. */
class JdkPipesTest {
  private static final int LINUX_PIPE_CAPACITY = 65536;

  private final SelectableChannelSwitch nonBlocking = new SelectableChannelSwitch();
  private Pipes.Ends pipe;

  @BeforeEach
  void create() throws IpcException {
    pipe = new JdkPipes().create();
  }

  @AfterEach
  void close() {
    for (Endpoint end : new Endpoint[] {pipe.read(), pipe.write()}) {
      try {
        end.close();
      } catch (IpcException e) {
        // already closed by the test
      }
    }
  }

  private static IpcException failure(ThrowingCall call) {
    try {
      call.run();
    } catch (IpcException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  interface ThrowingCall {
    void run() throws IpcException;
  }

  @Test
  void bytesWrittenIntoTheWriteEndComeOutOfTheReadEndAndSeveralWritesComeOutAsOneRead() throws IpcException {
    assertThat(pipe.write().write("abc".getBytes(US_ASCII))).isEqualTo(3);
    assertThat(pipe.write().write("def".getBytes(US_ASCII))).isEqualTo(3);

    assertThat(new String(pipe.read().read(100), US_ASCII)).isEqualTo("abcdef");
  }

  @Test
  void aReadTakesAtMostMaxBytes() throws IpcException {
    pipe.write().write("abcdef".getBytes(US_ASCII));

    assertThat(new String(pipe.read().read(4), US_ASCII)).isEqualTo("abcd");
    assertThat(new String(pipe.read().read(4), US_ASCII)).isEqualTo("ef");
  }

  @Test
  void theReadEndSeesEndOfFileOnceTheWriteEndIsClosed() throws IpcException {
    pipe.write().write("last".getBytes(US_ASCII));
    pipe.write().close();

    assertThat(new String(pipe.read().read(100), US_ASCII)).isEqualTo("last");
    assertThat(pipe.read().read(100)).isNull();
  }

  @Test
  void aBlockingReadWaitsForData() throws Exception {
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> readQuietly(pipe.read()));
    Thread.sleep(300);
    assertThat(read).isNotDone();

    pipe.write().write("x".getBytes(US_ASCII));

    assertThat(read.get(5, TimeUnit.SECONDS)).containsExactly('x');
  }

  @Test
  void theWriteEndCannotBeReadAndTheReadEndCannotBeWrittenEbadf() {
    assertThat(failure(() -> pipe.write().read(10)).code()).isEqualTo("EBADF");
    assertThat(failure(() -> pipe.read().write("backwards".getBytes(US_ASCII))).code()).isEqualTo("EBADF");
  }

  @Test
  void writingWhenTheReadEndIsClosedFailsWithEpipe() throws IpcException {
    pipe.read().close();

    IpcException failure = failure(() -> pipe.write().write("anyone there?".getBytes(US_ASCII)));

    assertThat(failure.code()).isEqualTo("EPIPE");
    assertThat(failure).hasMessage("Broken pipe");
  }

  @Test
  void aNonBlockingReadOfAnEmptyPipeFailsWithEagain() throws IpcException {
    nonBlocking.setNonBlocking(pipe.read(), true);

    assertThat(failure(() -> pipe.read().read(10)).code()).isEqualTo("EAGAIN");
  }

  @Test
  void aNonBlockingReadAtEndOfFileIsEndOfFileNotEagain() throws IpcException {
    nonBlocking.setNonBlocking(pipe.read(), true);
    pipe.write().close();

    assertThat(pipe.read().read(10)).isNull();
  }

  @Test
  void aNonBlockingWriteIntoAFullPipeFailsWithEagainAndWritesNothing() throws IpcException {
    nonBlocking.setNonBlocking(pipe.write(), true);
    long filled = 0;
    while (true) {
      try {
        filled += pipe.write().write(new byte[4096]);
      } catch (IpcException e) {
        assertThat(e.code()).isEqualTo("EAGAIN");
        break;
      }
    }
    assertThat(filled).isEqualTo(LINUX_PIPE_CAPACITY);

    assertThat(failure(() -> pipe.write().write(new byte[512])).code()).isEqualTo("EAGAIN");

    nonBlocking.setNonBlocking(pipe.read(), true);
    long drained = 0;
    while (true) {
      try {
        drained += pipe.read().read(1 << 20).length;
      } catch (IpcException e) {
        assertThat(e.code()).isEqualTo("EAGAIN");
        break;
      }
    }
    assertThat(drained).isEqualTo(filled);
  }

  @Test
  void aNonBlockingWriteLargerThanTheRoomLeftIsShort() throws IpcException {
    nonBlocking.setNonBlocking(pipe.write(), true);

    assertThat(pipe.write().write(new byte[100_000])).isEqualTo(LINUX_PIPE_CAPACITY);
  }

  @Test
  void anEmptyWriteWritesNothingAndIsNoError() throws IpcException {
    nonBlocking.setNonBlocking(pipe.write(), true);
    pipe.write().write(new byte[LINUX_PIPE_CAPACITY]);

    assertThat(pipe.write().write(new byte[0])).isZero();
  }

  @Test
  void switchingBlockingBackOnMakesReadsWaitAgain() throws Exception {
    nonBlocking.setNonBlocking(pipe.read(), true);
    nonBlocking.setNonBlocking(pipe.read(), false);

    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> readQuietly(pipe.read()));
    Thread.sleep(300);
    assertThat(read).isNotDone();
    pipe.write().write("y".getBytes(US_ASCII));
    assertThat(read.get(5, TimeUnit.SECONDS)).containsExactly('y');
  }

  /** A finding: the JDK takes the channel's read lock to switch it, so it waits for a blocked read. */
  @Test
  void switchingNonBlockingWaitsWhileAnotherThreadIsBlockedReadingTheSameEnd() throws Exception {
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> readQuietly(pipe.read()));
    Thread.sleep(300);
    CompletableFuture<Void> switched = CompletableFuture.runAsync(() -> {
      try {
        nonBlocking.setNonBlocking(pipe.read(), true);
      } catch (IpcException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(500);
    assertThat(switched).as("configureBlocking(false) while a read blocks").isNotDone();

    pipe.write().write("z".getBytes(US_ASCII));

    assertThat(read.get(5, TimeUnit.SECONDS)).containsExactly('z');
    switched.get(5, TimeUnit.SECONDS);
  }

  /** A finding: closing a channel wakes a read blocked in it with AsynchronousCloseException. */
  @Test
  void aReadBlockedInAnEndThatAnotherThreadClosesFailsWithEbadf() throws Exception {
    CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
      try {
        pipe.read().read(10);
        return "no failure";
      } catch (IpcException e) {
        return e.code() + ": " + e.getMessage();
      }
    });
    Thread.sleep(300);

    pipe.read().close();

    assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo("EBADF: the channel is closed (AsynchronousCloseException)");
  }

  @Test
  void onlySelectableChannelsCanBeSwitchedNonBlockingNotAFileChannel(@TempDir Path dir) throws IOException {
    Path file = Files.createFile(dir.resolve("plain"));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Endpoint fileEndpoint = new ChannelEndpoint(channel);

      assertThatThrownBy(() -> nonBlocking.setNonBlocking(fileEndpoint, true))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("only on a SelectableChannel");
    }
  }

  /** Evidence that Pipe.open is pipe(2) on Linux: two new descriptors on one pipe inode. */
  @Test
  void aJdkPipeIsOnePipeOfTheKernelWithTwoDescriptors() throws IOException, IpcException {
    Set<String> before = pipeDescriptors();
    Pipes.Ends another = new JdkPipes().create();
    try {
      Set<String> added = new HashSet<>(pipeDescriptors());
      added.removeAll(before);

      assertThat(added).hasSize(2);
      assertThat(added.stream().map(entry -> entry.substring(entry.indexOf('=') + 1)).distinct())
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("pipe:[");
    } finally {
      another.read().close();
      another.write().close();
    }
  }

  private static Set<String> pipeDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.map(fd -> {
        try {
          return fd.getFileName() + "=" + Files.readSymbolicLink(fd);
        } catch (IOException e) {
          return fd.getFileName() + "=gone";
        }
      }).filter(entry -> entry.contains("=pipe:[")).collect(Collectors.toSet());
    }
  }

  private static byte[] readQuietly(Endpoint end) {
    try {
      return end.read(10);
    } catch (IpcException e) {
      throw new IllegalStateException(e);
    }
  }
}
