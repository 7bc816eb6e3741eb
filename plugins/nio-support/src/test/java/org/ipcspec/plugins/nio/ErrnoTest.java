package org.ipcspec.plugins.nio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** The JDK's exceptions back to errno names. */
class ErrnoTest {
  private static String code(IOException e) {
    return Errno.of(e).code();
  }

  @Test
  void theExceptionClassDecidesWhereTheJdkHasOne() {
    assertThat(code(new NoSuchFileException("/tmp/x"))).isEqualTo("ENOENT");
    assertThat(code(new FileAlreadyExistsException("/tmp/x"))).isEqualTo("EEXIST");
    assertThat(code(new AccessDeniedException("/tmp/x"))).isEqualTo("EACCES");
    assertThat(code(new AsynchronousCloseException())).isEqualTo("EBADF");
    assertThat(code(new PortUnreachableException())).isEqualTo("ECONNREFUSED");
  }

  @Test
  void otherwiseStrerrorsTextDecidesTheLongestTextFirst() {
    assertThat(code(new BindException("Address already in use"))).isEqualTo("EADDRINUSE");
    assertThat(code(new BindException("Cannot assign requested address"))).isEqualTo("EADDRNOTAVAIL");
    assertThat(code(new ConnectException("Connection refused"))).isEqualTo("ECONNREFUSED");
    assertThat(code(new SocketException("Connection reset"))).isEqualTo("ECONNRESET");
    assertThat(code(new IOException("Connection reset by peer"))).isEqualTo("ECONNRESET");
    assertThat(code(new IOException("Broken pipe"))).isEqualTo("EPIPE");
    assertThat(code(new IOException("No such device or address"))).isEqualTo("ENXIO");
    assertThat(code(new IOException("No such device"))).isEqualTo("ENODEV");
    assertThat(code(new SocketException("No such file or directory"))).isEqualTo("ENOENT");
    assertThat(code(new SocketException("Unix domain path too long"))).isEqualTo("ENAMETOOLONG");
  }

  @Test
  void anErrorWithoutAKnownNameIsInternalNeverAGuess() {
    assertThat(code(new IOException("Channel not open for writing - cannot extend file to required size"))).isEqualTo("INTERNAL");
    assertThat(code(new BindException())).isEqualTo("INTERNAL");
  }
}
