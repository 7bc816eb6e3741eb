package org.ipcspec.spec.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlChannelTest {
  @TempDir Path dir;
  private SocketChannel raw;
  private ControlChannel left;
  private ControlChannel right;

  @BeforeEach
  void connect() throws Exception {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(dir.resolve("c.sock")));
    SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
    client.connect(UnixDomainSocketAddress.of(dir.resolve("c.sock")));
    raw = client;
    left = new ControlChannel(client);
    right = new ControlChannel(server.accept());
    server.close();
  }

  @AfterEach
  void close() throws Exception {
    left.close();
    right.close();
  }

  @Test
  void aLineOfSeveralMegabytesArrivesWhole() throws Exception {
    String data = "x".repeat(3 << 20);
    Request big = new Request(1, "write", JsonNodeFactory.instance.objectNode().put("data", data));
    CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
      try {
        left.send(big);
        left.send(new Request(2, "ping", null));
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    assertThat(right.receive()).isEqualTo(big);
    assertThat(right.receive()).isEqualTo(new Request(2, "ping", null));
    sent.join();
  }

  @Test
  void readingAndWritingAtTheSameTimeDoNotBlockEachOther() throws Exception {
    // A reader blocked on the channel must not keep another thread from sending.
    CompletableFuture<Message> pending = CompletableFuture.supplyAsync(() -> {
      try {
        return right.receive();
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    right.send(new Request(9, "ping", null));
    assertThat(left.receive()).isEqualTo(new Request(9, "ping", null));
    left.send(new Request(10, "ping", null));
    assertThat(pending.get()).isEqualTo(new Request(10, "ping", null));
  }

  @Test
  void aClosedConnectionGivesNull() throws Exception {
    left.close();
    assertThat(right.receive()).isNull();
  }

  @Test
  void aConnectionClosedInTheMiddleOfALineIsAnError() throws Exception {
    raw.write(java.nio.ByteBuffer.wrap("{\"type\":\"request\"".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    raw.close();
    assertThatThrownBy(() -> right.receive()).isInstanceOf(ProtocolException.class).hasMessageContaining("middle of a line");
  }
}
