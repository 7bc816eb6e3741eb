package org.ipcspec.plugins.junixsocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.AsynchronousCloseException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.ipcspec.spec.jvm.Address;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.SocketEndpoint;
import org.ipcspec.spec.jvm.SocketPairs;
import org.ipcspec.spec.jvm.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/** What junixsocket does that the README records as findings, pinned on the library itself. */
class JunixsocketFindingsTest {
  @TempDir Path dir;

  @Test
  void aClientChannelCannotBeBound() throws Exception {
    try (AFUNIXSocketChannel client = AFUNIXSocketChannel.open()) {
      assertThatThrownBy(() -> client.bind(AFUNIXSocketAddress.of(dir.resolve("c"))))
          .hasMessageContaining("Use AF*ServerSocket#bind or #bindOn");
    }
  }

  @Test
  void aServerRemovesItsSocketFileWhenItClosesSock14() throws Exception {
    Path path = dir.resolve("s");
    AFUNIXServerSocketChannel server = AFUNIXServerSocketChannel.open();
    assertThat(server.socket().isDeleteOnClose()).isTrue();
    server.bind(AFUNIXSocketAddress.of(path));
    assertThat(path).exists();
    server.close();
    assertThat(Files.exists(path, LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void aServersSocketFileIsWritableByEveryoneWhateverTheUmaskSock27() throws Exception {
    Path path = dir.resolve("s");
    try (AFUNIXServerSocketChannel server = AFUNIXServerSocketChannel.open()) {
      server.bind(AFUNIXSocketAddress.of(path));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS))).isEqualTo("rw-rw-rw-");
    }
  }

  @Test
  void aWriteToAStreamWhosePeerHasGoneClosesTheChannelSock23() throws Exception {
    Path path = dir.resolve("s");
    try (AFUNIXServerSocketChannel server = AFUNIXServerSocketChannel.open();
        AFUNIXSocketChannel client = AFUNIXSocketChannel.open()) {
      server.bind(AFUNIXSocketAddress.of(path));
      client.connect(AFUNIXSocketAddress.of(path));
      server.accept().close();

      assertThatThrownBy(() -> {
        for (int i = 0; i < 3; i++) {
          client.write(ByteBuffer.wrap("anyone?".getBytes(StandardCharsets.UTF_8)));
          Thread.sleep(50);
        }
      }).isInstanceOf(AsynchronousCloseException.class);
      assertThat(client.isOpen()).isFalse();
    }
  }

  @Test
  void theAgentsStreamSocketBindsAServerThatListensAtOnce() throws Exception {
    JunixsocketSockets sockets = new JunixsocketSockets();
    SocketEndpoint server = sockets.unixStreamSocket();
    SocketEndpoint client = sockets.unixStreamSocket();
    try {
      Address name = server.bind(new Address.Unix(dir.resolve("svc").toString()));
      assertThat(name).isEqualTo(new Address.Unix(dir.resolve("svc").toString()));
      client.connect(name); // before listen: junixsocket's server channel listens from its bind
      server.listen(5);
      SocketEndpoint accepted = server.accept().socket();
      client.write("hello".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(accepted.read(16), StandardCharsets.UTF_8)).isEqualTo("hello");
      assertThat(new JunixsocketPeerCredentials().peer(accepted).pid()).isEqualTo(ProcessHandle.current().pid());
      accepted.close();
    } finally {
      server.close();
      client.close();
    }
  }

  @Test
  void aPairPassesAPipeDescriptorThatStillWorksOnTheOtherSide() throws Exception {
    SocketPairs.Pair pair = new JunixsocketSockets().pair(SocketType.STREAM);
    var pipe = new JunixsocketPipes().create();
    try {
      new JunixsocketDescriptorPassing().send(pair.first(), new byte[] {1}, null, java.util.List.of(pipe.write()));
      SocketEndpoint.Received received = pair.second().receive(8);
      assertThat(received.descriptors()).hasSize(1);
      received.descriptors().get(0).write("through".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(pipe.read().read(16), StandardCharsets.UTF_8)).isEqualTo("through");
      received.descriptors().get(0).close();
    } finally {
      pair.first().close();
      pair.second().close();
      pipe.read().close();
      pipe.write().close();
    }
  }

  @Test
  void anUnnamedAddressIsRefusedByJunixsocketNotGuessed() throws IpcException {
    SocketEndpoint socket = new JunixsocketSockets().unixDatagramSocket();
    try {
      assertThatThrownBy(() -> socket.bind(new Address.Unix(""))).isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("Address cannot be empty");
    } finally {
      socket.close();
    }
  }
}
