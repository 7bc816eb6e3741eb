package org.ipcspec.plugins.jdk;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ipcspec.plugins.nio.SelectableChannelSwitch;
import org.ipcspec.spec.jvm.Address;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.SocketEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** UDP sockets through DatagramChannel. */
class JdkDatagramSocketsTest {
  private static final Address.Inet LOOPBACK_ANY_PORT = new Address.Inet("127.0.0.1", 0);

  private final JdkSockets sockets = new JdkSockets();
  private final List<SocketEndpoint> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    for (SocketEndpoint socket : opened) {
      try {
        socket.close();
      } catch (IpcException e) {
        // closed by the test
      }
    }
  }

  private SocketEndpoint udp() throws IpcException {
    SocketEndpoint socket = sockets.inetDatagramSocket();
    opened.add(socket);
    return socket;
  }

  private SocketEndpoint bound() throws IpcException {
    SocketEndpoint socket = udp();
    socket.bind(LOOPBACK_ANY_PORT);
    return socket;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(US_ASCII);
  }

  private static String text(byte[] data) {
    return new String(data, US_ASCII);
  }

  @Test
  void datagramsKeepTheirBoundariesAndTellTheSendersAddress() throws Exception {
    SocketEndpoint inbox = bound();
    SocketEndpoint outbox = bound();

    assertThat(outbox.send(bytes("one"), inbox.localAddress())).isEqualTo(3);
    outbox.send(bytes("two, longer"), inbox.localAddress());

    SocketEndpoint.Received first = inbox.receive(65536);
    assertThat(text(first.data())).isEqualTo("one");
    assertThat(first.from()).isEqualTo(outbox.localAddress());
    assertThat(first.truncated()).as("3 bytes in a buffer of 65536: it fit").isFalse();
    assertThat(first.eof()).isFalse();
    assertThat(text(inbox.receive(65536).data())).isEqualTo("two, longer");
  }

  @Test
  void aLongerDatagramIsCutAndTheJdkCannotSaySo() throws Exception {
    SocketEndpoint inbox = bound();
    SocketEndpoint outbox = bound();
    outbox.send(bytes("0123456789"), inbox.localAddress());
    outbox.send(bytes("next"), inbox.localAddress());
    outbox.send(bytes("four"), inbox.localAddress());

    SocketEndpoint.Received cut = inbox.receive(4);
    SocketEndpoint.Received next = inbox.receive(10);
    SocketEndpoint.Received exact = inbox.receive(4);

    assertThat(text(cut.data())).isEqualTo("0123");
    assertThat(cut.truncated()).as("no MSG_TRUNC: a full buffer may or may not have been cut").isNull();
    assertThat(text(next.data())).as("the rest of the first datagram is lost").isEqualTo("next");
    assertThat(next.truncated()).isFalse();
    assertThat(text(exact.data())).isEqualTo("four");
    assertThat(exact.truncated()).as("a datagram of exactly max bytes looks the same as a cut one").isNull();
  }

  @Test
  void anUnboundSocketIsNamedByItsFirstSendAndHasNoPeer() throws Exception {
    SocketEndpoint inbox = bound();
    SocketEndpoint sender = udp();

    assertThat(sender.localAddress()).isEqualTo(Address.Inet.ANY);
    sender.send(bytes("ping"), inbox.localAddress());

    Address.Inet named = (Address.Inet) sender.localAddress();
    assertThat(named.port()).isPositive();
    assertThat(((Address.Inet) inbox.receive(100).from()).port()).isEqualTo(named.port());
    assertThat(sender.peerAddress()).isNull();
  }

  @Test
  void connectSetsTheDefaultDestinationAndConnectingAgainMovesIt() throws Exception {
    SocketEndpoint first = bound();
    SocketEndpoint second = bound();
    SocketEndpoint sender = bound();

    sender.connect(first.localAddress());
    assertThat(sender.peerAddress()).isEqualTo(first.localAddress());
    assertThat(sender.send(bytes("to first"), null)).isEqualTo(8);
    sender.connect(second.localAddress());
    assertThat(sender.write(bytes("to second"))).isEqualTo(9);

    assertThat(sender.peerAddress()).isEqualTo(second.localAddress());
    assertThat(text(first.receive(100).data())).isEqualTo("to first");
    assertThat(text(second.read(100))).isEqualTo("to second");
  }

  @Test
  void connectingThrowsAwayTheDatagramsAlreadyWaitingEvenThoseOfTheNewPeer() throws Exception {
    SocketEndpoint receiver = bound();
    SocketEndpoint peer = bound();
    SocketEndpoint stranger = bound();
    stranger.send(bytes("from a stranger"), receiver.localAddress());
    peer.send(bytes("from the peer, before"), receiver.localAddress());
    Thread.sleep(50);

    receiver.connect(peer.localAddress());
    peer.send(bytes("from the peer, after"), receiver.localAddress());

    // Linux keeps both waiting datagrams (checked from C: recvfrom after connect gives them);
    // DatagramChannel.connect drains the socket.
    assertThat(text(receiver.receive(100).data())).isEqualTo("from the peer, after");
  }

  @Test
  void sendWithoutDestinationOnAnUnconnectedSocketIsEdestaddrreq() throws Exception {
    assertThat(ErrorCodes.of(() -> bound().send(bytes("x"), null))).isEqualTo("EDESTADDRREQ");
    assertThat(ErrorCodes.of(() -> bound().write(bytes("x")))).isEqualTo("EDESTADDRREQ");
  }

  @Test
  void aUnixAddressIsEafnosupport() throws Exception {
    Address.Unix path = new Address.Unix("/tmp/nowhere");

    assertThat(ErrorCodes.of(() -> udp().bind(path))).isEqualTo("EAFNOSUPPORT");
    assertThat(ErrorCodes.of(() -> udp().connect(path))).isEqualTo("EAFNOSUPPORT");
    assertThat(ErrorCodes.of(() -> udp().send(bytes("x"), path))).isEqualTo("EAFNOSUPPORT");
    SocketEndpoint connected = bound();
    connected.connect(bound().localAddress());
    assertThat(ErrorCodes.of(() -> connected.connect(path))).isEqualTo("EAFNOSUPPORT");
    assertThat(connected.peerAddress()).as("still connected, as in C").isNotNull();
  }

  @Test
  void aDatagramSocketNeitherListensNorAcceptsEopnotsupp() throws Exception {
    assertThat(ErrorCodes.of(() -> bound().listen(1))).isEqualTo("EOPNOTSUPP");
    assertThat(ErrorCodes.of(() -> bound().accept())).isEqualTo("EOPNOTSUPP");
    assertThat(ErrorCodes.of(() -> bound().bind(LOOPBACK_ANY_PORT))).isEqualTo("EINVAL");
    assertThat(ErrorCodes.of(() -> bound().shutdown(SocketEndpoint.Shutdown.BOTH))).isEqualTo("ENOTCONN");
  }

  @Test
  void whatLinuxAcceptsAndTheJdkCannotDoIsUnsupported() throws Exception {
    SocketEndpoint sender = bound();
    SocketEndpoint other = bound();
    sender.connect(bound().localAddress());

    assertThatThrownBy(() -> sender.send(bytes("x"), other.localAddress())).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("AlreadyConnectedException");
    assertThatThrownBy(() -> sender.shutdown(SocketEndpoint.Shutdown.WRITE)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aConnectedSocketLearnsThatNobodyListensEconnrefused() throws Exception {
    SocketEndpoint closed = bound();
    Address nobody = closed.localAddress();
    closed.close();
    SocketEndpoint sender = bound();
    sender.connect(nobody);

    sender.write(bytes("anyone?"));
    Thread.sleep(50);

    assertThat(ErrorCodes.of(() -> sender.read(10))).isEqualTo("ECONNREFUSED");
  }

  @Test
  void anEmptyDatagramArrivesAndAReadOfItReturnsZeroBytesLikeEndOfFile() throws Exception {
    SocketEndpoint inbox = bound();
    SocketEndpoint outbox = bound();

    assertThat(outbox.send(new byte[0], inbox.localAddress())).isZero();
    assertThat(outbox.send(bytes("x"), inbox.localAddress())).isEqualTo(1);

    assertThat(inbox.read(10)).as("read(2) returned 0").isNull();
    assertThat(text(inbox.read(10))).isEqualTo("x");
  }

  @Test
  void aConnectedSocketsEmptyWriteSendsNothing() throws Exception {
    SocketEndpoint inbox = bound();
    SocketEndpoint outbox = bound();
    outbox.connect(inbox.localAddress());

    assertThat(outbox.write(new byte[0])).isZero();
    outbox.write(bytes("after"));

    // send(2) of 0 bytes sends an empty datagram; the JDK makes no call.
    assertThat(text(inbox.receive(10).data())).isEqualTo("after");
  }

  @Test
  void aNonBlockingReceiveWithNoDatagramIsEagain() throws Exception {
    SocketEndpoint inbox = bound();
    new SelectableChannelSwitch().setNonBlocking(inbox, true);

    assertThat(ErrorCodes.of(() -> inbox.receive(100))).isEqualTo("EAGAIN");
    assertThat(ErrorCodes.of(() -> inbox.read(100))).isEqualTo("EAGAIN");
    bound().send(bytes("now"), inbox.localAddress());
    Thread.sleep(20);
    assertThat(text(inbox.receive(100).data())).isEqualTo("now");
  }

  @Test
  void aReceiveWaitsForADatagram() throws Exception {
    SocketEndpoint inbox = bound();
    CompletableFuture<SocketEndpoint.Received> received = CompletableFuture.supplyAsync(() -> {
      try {
        return inbox.receive(100);
      } catch (IpcException e) {
        throw new AssertionError(e);
      }
    });

    Thread.sleep(200);
    assertThat(received).isNotDone();
    bound().send(bytes("late"), inbox.localAddress());
    assertThat(text(received.get(5, TimeUnit.SECONDS).data())).isEqualTo("late");
  }
}
