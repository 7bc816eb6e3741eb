package org.ipcspec.plugins.jdk;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

/** UNIX-domain and TCP stream sockets through SocketChannel and ServerSocketChannel. */
class JdkStreamSocketsTest {
  private static final Address.Inet LOOPBACK_ANY_PORT = new Address.Inet("127.0.0.1", 0);
  private static final int S_IFSOCK = 0140000;

  @TempDir Path dir;
  private final JdkSockets sockets = new JdkSockets();
  private final List<SocketEndpoint> opened = new ArrayList<>();
  private final List<Path> madeByTheJdk = new ArrayList<>();

  @AfterEach
  void closeAll() throws IOException {
    for (SocketEndpoint socket : opened) {
      try {
        socket.close();
      } catch (IpcException e) {
        // closed by the test
      }
    }
    for (Path path : madeByTheJdk) {
      Files.deleteIfExists(path);
    }
  }

  private SocketEndpoint unix() throws IpcException {
    return keep(sockets.unixStreamSocket());
  }

  private SocketEndpoint tcp() throws IpcException {
    return keep(sockets.inetStreamSocket());
  }

  private SocketEndpoint keep(SocketEndpoint socket) {
    opened.add(socket);
    return socket;
  }

  private Address.Unix path(String name) {
    return new Address.Unix(dir.resolve(name).toString());
  }

  private SocketEndpoint listening(SocketEndpoint socket, Address address) throws IpcException {
    socket.bind(address);
    socket.listen(16);
    return socket;
  }

  /** Connects a new client of the same domain, accepts it, and answers both ends: [client, server's end]. */
  private SocketEndpoint[] connection(SocketEndpoint server, SocketEndpoint client) throws Exception {
    CompletableFuture<SocketEndpoint.Accepted> accepted = CompletableFuture.supplyAsync(() -> {
      try {
        return server.accept();
      } catch (IpcException e) {
        throw new AssertionError(e);
      }
    });
    client.connect(server.localAddress());
    SocketEndpoint end = keep(accepted.get(5, TimeUnit.SECONDS).socket());
    return new SocketEndpoint[] {client, end};
  }

  private static String text(byte[] data) {
    return data == null ? null : new String(data, US_ASCII);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(US_ASCII);
  }

  @Test
  void twoUnixSocketsTalkBothWaysAndTheServersNameIsASocketFile() throws Exception {
    SocketEndpoint server = listening(unix(), path("svc"));
    SocketEndpoint[] ends = connection(server, unix());

    assertThat(ends[0].write(bytes("question"))).isEqualTo(8);
    assertThat(text(ends[1].read(100))).isEqualTo("question");
    assertThat(ends[1].send(bytes("answer"), null)).isEqualTo(6);
    SocketEndpoint.Received received = ends[0].receive(100);

    assertThat(text(received.data())).isEqualTo("answer");
    assertThat(received.from()).as("a SocketChannel has no recvfrom").isNull();
    assertThat(received.truncated()).isNull();
    assertThat(received.eof()).isFalse();
    assertThat(server.localAddress()).isEqualTo(path("svc"));
    int mode = (Integer) Files.getAttribute(dir.resolve("svc"), "unix:mode", LinkOption.NOFOLLOW_LINKS);
    assertThat(mode & 0170000).isEqualTo(S_IFSOCK);
  }

  @Test
  void theServerSeesAnUnboundUnixClientAsUnnamedAndABoundOneByItsPath() throws Exception {
    SocketEndpoint server = listening(unix(), path("svc"));
    CompletableFuture<SocketEndpoint.Accepted> first = CompletableFuture.supplyAsync(() -> accept(server));
    unix().connect(path("svc"));
    SocketEndpoint named = unix();
    named.bind(path("client"));
    assertThat(keep(first.get(5, TimeUnit.SECONDS).socket()).peerAddress()).isEqualTo(new Address.Unix(""));

    CompletableFuture<SocketEndpoint.Accepted> second = CompletableFuture.supplyAsync(() -> accept(server));
    named.connect(path("svc"));

    assertThat(second.get(5, TimeUnit.SECONDS).peer()).isEqualTo(path("client"));
    keep(second.get().socket());
  }

  private static SocketEndpoint.Accepted accept(SocketEndpoint server) {
    try {
      return server.accept();
    } catch (IpcException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theJdkCannotAskForAnAbstractNameByBindingTheEmptyPath() throws Exception {
    SocketEndpoint client = unix();

    // Linux's autobind; SocketChannel.bind("") makes no bind(2) at all (strace).
    assertThatThrownBy(() -> client.bind(new Address.Unix(""))).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("autobind");
    assertThat(client.localAddress()).isEqualTo(new Address.Unix(""));
  }

  @Test
  void aNewSocketHasTheUnnamedAddressAndNoPeer() throws Exception {
    assertThat(unix().localAddress()).isEqualTo(new Address.Unix(""));
    assertThat(unix().peerAddress()).isNull();
    assertThat(tcp().localAddress()).isEqualTo(Address.Inet.ANY);
    assertThat(tcp().peerAddress()).isNull();
  }

  @Test
  void aUnixNameStaysTakenAfterCloseEaddrinuseAndAStaleNameRefusesConnectionsEconnrefused() throws Exception {
    SocketEndpoint server = listening(unix(), path("svc"));
    server.close();

    assertThat(ErrorCodes.of(() -> unix().bind(path("svc")))).isEqualTo("EADDRINUSE");
    assertThat(ErrorCodes.of(() -> unix().connect(path("svc")))).isEqualTo("ECONNREFUSED");
    assertThat(ErrorCodes.of(() -> unix().connect(path("nobody-here")))).isEqualTo("ENOENT");
  }

  @Test
  void aBoundSocketThatDoesNotListenYetRefusesConnectionsAsInC() throws Exception {
    SocketEndpoint server = unix();
    server.bind(path("svc"));

    assertThat(ErrorCodes.of(() -> unix().connect(path("svc")))).isEqualTo("ECONNREFUSED");
    server.listen(4);
    assertThat(ErrorCodes.of(() -> unix().connect(path("svc")))).isEqualTo("ok");
  }

  @Test
  void listenKeepsTheNameTheSocketWasBoundTo() throws Exception {
    SocketEndpoint server = unix();
    server.bind(path("svc"));

    // The JDK cannot make the bound SocketChannel listen: a ServerSocketChannel binds the path anew.
    server.listen(4);

    assertThat(server.localAddress()).isEqualTo(path("svc"));
    int mode = (Integer) Files.getAttribute(dir.resolve("svc"), "unix:mode", LinkOption.NOFOLLOW_LINKS);
    assertThat(mode & 0170000).isEqualTo(S_IFSOCK);
  }

  @Test
  void listenLeavesAFileOfTheSameNameThatIsNotTheSocketsAlone() throws Exception {
    SocketEndpoint server = unix();
    server.bind(path("svc"));
    Files.delete(dir.resolve("svc"));
    Files.writeString(dir.resolve("svc"), "someone else's");

    assertThat(ErrorCodes.of(() -> server.listen(4))).isEqualTo("EADDRINUSE");
    assertThat(Files.readString(dir.resolve("svc"))).isEqualTo("someone else's");
  }

  @Test
  void aUnixSocketGivenAnInternetAddressEinvalAndATcpSocketGivenAPathEafnosupport() {
    assertThat(ErrorCodes.of(() -> unix().bind(LOOPBACK_ANY_PORT))).isEqualTo("EINVAL");
    assertThat(ErrorCodes.of(() -> unix().connect(new Address.Inet("127.0.0.1", 9)))).isEqualTo("EINVAL");
    assertThat(ErrorCodes.of(() -> tcp().bind(path("svc")))).isEqualTo("EAFNOSUPPORT");
    assertThat(ErrorCodes.of(() -> tcp().connect(path("svc")))).isEqualTo("EAFNOSUPPORT");
  }

  @Test
  void tcpOverLoopbackWithAPortTheSystemChoseAndThePeersAddress() throws Exception {
    SocketEndpoint server = tcp();
    Address.Inet bound = (Address.Inet) server.bind(LOOPBACK_ANY_PORT);
    server.listen(16);
    SocketEndpoint[] ends = connection(server, tcp());

    assertThat(bound.host()).isEqualTo("127.0.0.1");
    assertThat(bound.port()).isPositive();
    assertThat(server.localAddress()).isEqualTo(bound);
    assertThat(ends[1].peerAddress()).isEqualTo(ends[0].localAddress());
    assertThat(ends[0].peerAddress()).isEqualTo(bound);
    ends[0].write(bytes("GET /"));
    assertThat(text(ends[1].read(100))).isEqualTo("GET /");
  }

  @Test
  void bindingATcpPortSomeoneListensOnIsEaddrinuse() throws Exception {
    SocketEndpoint server = tcp();
    Address bound = server.bind(LOOPBACK_ANY_PORT);
    server.listen(16);

    assertThat(ErrorCodes.of(() -> tcp().bind(bound))).isEqualTo("EADDRINUSE");
  }

  @Test
  void aRefusedTcpConnectIsEconnrefusedAndTheJdkThenClosesTheSocketEbadf() throws Exception {
    SocketEndpoint probe = tcp();
    Address free = probe.bind(LOOPBACK_ANY_PORT); // bound, never listening: connections are refused
    SocketEndpoint client = tcp();

    assertThat(ErrorCodes.of(() -> client.connect(free))).isEqualTo("ECONNREFUSED");
    IpcException after = catching(() -> client.localAddress());
    assertThat(after.code()).isEqualTo("EBADF");
    assertThat(after.getMessage()).contains("closed this socket when its connect failed");
  }

  @Test
  void afterAHalfCloseThePeerReadsEndOfFileAndCanStillAnswer() throws Exception {
    SocketEndpoint[] ends = connection(listening(unix(), path("svc")), unix());
    ends[0].write(bytes("all of my request"));

    ends[0].shutdown(SocketEndpoint.Shutdown.WRITE);

    assertThat(text(ends[1].read(100))).isEqualTo("all of my request");
    assertThat(ends[1].read(100)).isNull();
    SocketEndpoint.Received end = ends[1].receive(100);
    assertThat(end.data()).isEmpty();
    assertThat(end.eof()).isTrue();
    ends[1].write(bytes("the reply"));
    assertThat(text(ends[0].read(100))).isEqualTo("the reply");
    // The JDK throws ClosedChannelException for a write after shutdownOutput; write(2) says EPIPE.
    assertThat(ErrorCodes.of(() -> ends[0].write(bytes("more")))).isEqualTo("EPIPE");
  }

  @Test
  void writingToAUnixStreamWhosePeerHasGoneIsEpipe() throws Exception {
    SocketEndpoint[] ends = connection(listening(unix(), path("svc")), unix());

    ends[0].close();

    assertThat(ErrorCodes.of(() -> ends[1].write(bytes("anyone there?")))).isEqualTo("EPIPE");
    assertThat(ends[1].read(10)).isNull();
  }

  @Test
  void aReadWaitsForDataAndThePeersCloseEndsItWithEndOfFile() throws Exception {
    SocketEndpoint[] ends = connection(listening(tcp(), LOOPBACK_ANY_PORT), tcp());
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try {
        return ends[1].read(100);
      } catch (IpcException e) {
        throw new AssertionError(e);
      }
    });

    Thread.sleep(200);
    assertThat(read).isNotDone();
    ends[0].close();
    assertThat(read.get(5, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void acceptWaitsUntilAClientConnects() throws Exception {
    SocketEndpoint server = listening(unix(), path("svc"));
    CompletableFuture<SocketEndpoint.Accepted> accepted = CompletableFuture.supplyAsync(() -> accept(server));

    Thread.sleep(200);
    assertThat(accepted).isNotDone();
    unix().connect(path("svc"));
    keep(accepted.get(5, TimeUnit.SECONDS).socket());
  }

  @Test
  void whatTheJdkRefusesBeforeTheSystemIsAnsweredAsLinuxAnswersIt() throws Exception {
    // The same cases from C (Python's socket module) on Linux 6.18 gave these codes.
    assertThat(ErrorCodes.of(() -> unix().read(1))).isEqualTo("EINVAL");
    assertThat(ErrorCodes.of(() -> unix().write(bytes("x")))).isEqualTo("ENOTCONN");
    assertThat(ErrorCodes.of(() -> tcp().read(1))).isEqualTo("ENOTCONN");
    assertThat(ErrorCodes.of(() -> tcp().write(bytes("x")))).isEqualTo("EPIPE");
    assertThat(ErrorCodes.of(() -> tcp().shutdown(SocketEndpoint.Shutdown.WRITE))).isEqualTo("ENOTCONN");
    assertThat(ErrorCodes.of(() -> unix().accept())).isEqualTo("EINVAL");

    SocketEndpoint server = listening(unix(), path("svc"));
    assertThat(ErrorCodes.of(() -> server.read(1))).isEqualTo("EINVAL");
    assertThat(ErrorCodes.of(() -> server.connect(path("svc")))).isEqualTo("EINVAL");
    assertThat(ErrorCodes.of(() -> server.bind(path("other")))).isEqualTo("EINVAL");
    SocketEndpoint tcpServer = listening(tcp(), LOOPBACK_ANY_PORT);
    assertThat(ErrorCodes.of(() -> tcpServer.connect(tcpServer.localAddress()))).isEqualTo("EISCONN");
    assertThat(ErrorCodes.of(() -> tcpServer.write(bytes("x")))).isEqualTo("EPIPE");

    SocketEndpoint[] ends = connection(server, unix());
    assertThat(ErrorCodes.of(() -> ends[0].connect(path("svc")))).isEqualTo("EISCONN");
    assertThat(ErrorCodes.of(() -> ends[0].listen(1))).isEqualTo("EINVAL");
    assertThat(ErrorCodes.of(() -> ends[0].send(bytes("x"), path("svc")))).isEqualTo("EISCONN");
  }

  @Test
  void whatLinuxAcceptsAndTheJdkCannotDoIsUnsupported() throws Exception {
    SocketEndpoint server = listening(tcp(), LOOPBACK_ANY_PORT);
    SocketEndpoint[] ends = connection(server, tcp());

    assertThatThrownBy(() -> server.listen(32)).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("backlog");
    assertThatThrownBy(() -> server.shutdown(SocketEndpoint.Shutdown.BOTH)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> unix().shutdown(SocketEndpoint.Shutdown.WRITE)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ends[0].send(bytes("x"), server.localAddress())).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("sendto");
  }

  @Test
  void listenWithoutBindGivesTcpAPortOfTheSystemsChoiceAndUnixAFileOfTheJdksChoice() throws Exception {
    SocketEndpoint server = tcp();
    server.listen(4);
    Address.Inet tcpAddress = (Address.Inet) server.localAddress();
    assertThat(tcpAddress.host()).isEqualTo("0.0.0.0");
    assertThat(tcpAddress.port()).isPositive();

    SocketEndpoint unixServer = unix();
    unixServer.listen(4); // Linux: EINVAL. The JDK binds a name of its own making.
    Path made = Path.of(((Address.Unix) unixServer.localAddress()).path());
    madeByTheJdk.add(made);

    assertThat(made.getFileName().toString()).startsWith("socket_");
    assertThat(made.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    assertThat(Files.exists(made, LinkOption.NOFOLLOW_LINKS)).isTrue();
  }

  @Test
  void aNonBlockingReadOfASocketWithNoDataIsEagainAndAFullOneRefusesWritesEagain() throws Exception {
    SocketEndpoint[] ends = connection(listening(unix(), path("svc")), unix());
    SelectableChannelSwitch nonBlocking = new SelectableChannelSwitch();

    nonBlocking.setNonBlocking(ends[1], true);
    assertThat(ErrorCodes.of(() -> ends[1].read(100))).isEqualTo("EAGAIN");
    ends[0].write(bytes("now there is"));
    assertThat(text(ends[1].read(100))).isEqualTo("now there is");

    byte[] chunk = new byte[65536];
    String answer = "ok";
    for (int i = 0; i < 1000 && answer.equals("ok"); i++) {
      answer = ErrorCodes.of(() -> ends[1].write(chunk));
    }
    assertThat(answer).isEqualTo("EAGAIN");
    nonBlocking.setNonBlocking(ends[1], false);
    assertThat(ends[0].read(10)).hasSize(10);
  }

  @Test
  void aNonBlockingListeningSocketAnswersEagainWithNoClientEvenAcrossListen() throws Exception {
    SocketEndpoint server = unix();
    server.bind(path("svc"));
    new SelectableChannelSwitch().setNonBlocking(server, true); // before listen: the ServerSocketChannel inherits it
    server.listen(4);

    assertThat(ErrorCodes.of(() -> server.accept())).isEqualTo("EAGAIN");
    unix().connect(path("svc"));
    SocketEndpoint.Accepted accepted = server.accept();
    keep(accepted.socket());
    assertThat(accepted.peer()).isEqualTo(new Address.Unix(""));
  }

  @Test
  void aNonBlockingTcpConnectGoesOnInTheBackgroundAndTheNextWriteFinishesIt() throws Exception {
    SocketEndpoint server = listening(tcp(), LOOPBACK_ANY_PORT);
    SocketEndpoint client = tcp();
    new SelectableChannelSwitch().setNonBlocking(client, true);

    assertThat(ErrorCodes.of(() -> client.connect(server.localAddress()))).isIn("EINPROGRESS", "ok");
    String written = "EAGAIN";
    for (int i = 0; i < 500 && written.equals("EAGAIN"); i++) {
      written = ErrorCodes.of(() -> client.write(bytes("hello")));
      Thread.sleep(2);
    }
    SocketEndpoint end = keep(server.accept().socket());

    assertThat(written).isEqualTo("ok");
    assertThat(text(end.read(100))).isEqualTo("hello");
  }

  private static IpcException catching(ErrorCodes.Call call) {
    try {
      call.run();
    } catch (IpcException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }
}
