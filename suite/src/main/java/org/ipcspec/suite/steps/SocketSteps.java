package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.spec.protocol.Response;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.PendingOperation;

/**
 * Sockets: naming them (a path, or an IP address and a port), connecting, accepting, datagrams
 * and their senders. A name such as "svc" is a socket address that every participant of the
 * scenario can reach; each participant's own socket for it is its handle of that name.
 */
public class SocketSteps {
  /** The most one datagram read asks for. */
  private static final int MAX_DATAGRAM = 65536;
  /** More datagrams than any receiver queue holds: filling stops at the first EAGAIN, long before. */
  private static final int MAX_FILL = 100_000;

  /** A name's socket: its kind and the address it got when bound. */
  private record Named(SocketKind kind, ObjectNode address) {}

  private final ScenarioWorld world;
  private final Expectations expect;
  private final Map<String, Named> names = new LinkedHashMap<>();
  /** The kind of each socket a participant holds, by "participant/name". */
  private final Map<String, SocketKind> kinds = new LinkedHashMap<>();

  public SocketSteps(ScenarioWorld world, Expectations expect) {
    this.world = world;
    this.expect = expect;
  }

  // --- Naming -------------------------------------------------------------------------------

  @Given("{participant} listens on the {socketKind} socket {string}")
  public void listens(String participant, SocketKind kind, String name) {
    String handle = bind(participant, create(participant, kind, name), kind, name);
    expect.success(world.submit(participant, Operation.SOCKET_LISTEN, Json.args().put("handle", handle).put("backlog", 16)));
  }

  @Given("{participant} binds the {socketKind} socket {string}")
  public void bindsNew(String participant, SocketKind kind, String name) {
    bind(participant, create(participant, kind, name), kind, name);
  }

  @When("{participant} creates a {socketKind} socket {string}")
  public void creates(String participant, SocketKind kind, String name) {
    create(participant, kind, name);
  }

  @When("{participant} binds {string} to {string}")
  public void bindsExisting(String participant, String socket, String name) {
    SocketKind kind = kindOf(participant, socket);
    bind(participant, world.onlyHandle(participant, socket), kind, name);
  }

  @Then("{string} of {participant} has no address yet")
  public void hasNoAddress(String socket, String participant) {
    SocketKind kind = kindOf(participant, socket);
    JsonNode local = address(participant, socket).path("local");
    boolean unnamed = kind.unixDomain()
        ? local.path("path").asText("?").isEmpty()
        : local.path("port").asInt(-1) == 0;
    if (!unnamed) {
      throw new AssertionError(participant + "'s new socket \"" + socket + "\" already has the address " + local);
    }
  }

  @Then("the address of {string} is the IP address {string} with a port the system chose")
  public void hasInetAddress(String name, String host) {
    ObjectNode address = named(name).address();
    if (!"inet".equals(address.path("family").asText()) || !host.equals(address.path("host").asText())) {
      throw new AssertionError("\"" + name + "\" is bound to " + address + "; expected an inet address with host " + host);
    }
    int port = address.path("port").asInt(-1);
    if (port < 1 || port > 65535) {
      throw new AssertionError("\"" + name + "\" was bound to port 0 and got port " + address.path("port")
          + "; the system chooses a free port between 1 and 65535");
    }
  }

  @Then("the address of {string} is the IP address of {participant}'s host, with a port the system chose")
  public void hasHostAddress(String name, String participant) {
    hasInetAddress(name, world.agent(participant).hostAddress());
  }

  @Then("{participant}'s end of {string} has the IP address of {participant}'s host")
  public void endHasHostAddress(String participant, String socket, String host) {
    JsonNode local = address(participant, socket).path("local");
    String expected = world.agent(host).hostAddress();
    if (!"inet".equals(local.path("family").asText()) || !expected.equals(local.path("host").asText())) {
      throw new AssertionError(participant + "'s end of \"" + socket + "\" has the address " + local
          + "; expected the IP address of " + host + "'s host, " + expected);
    }
  }

  @Then("the address of {string} is its path in the shared folder")
  public void hasPath(String name) {
    ObjectNode address = named(name).address();
    if (!"unix".equals(address.path("family").asText()) || !world.path(name).equals(address.path("path").asText())) {
      throw new AssertionError("\"" + name + "\" is bound to " + address + "; expected the unix address " + world.path(name));
    }
  }

  @Then("{participant} sees {string} as a socket file")
  public void seesSocketFile(String participant, String name) {
    ObjectNode status = expect.success(world.submit(participant, Operation.STAT, Json.args().put("path", world.path(name))));
    if (!"socket".equals(status.path("type").asText())) {
      throw new AssertionError(participant + " sees \"" + name + "\" as a " + status.path("type").asText() + ", not a socket");
    }
  }

  @When("{participant} tries to bind a {socketKind} socket to the address of {string}")
  public void triesToBind(String participant, SocketKind kind, String name) {
    String handle = create(participant, kind, null);
    world.attempted("bind", name, world.submit(participant, Operation.SOCKET_BIND,
        Json.args().put("handle", handle).set("address", named(name).address())));
  }

  @Then("that bind fails with {errno}")
  public void thatBindFails(String errno) {
    expect.failure(world.lastAttempt("bind").operation(), errno);
  }

  @Then("that bind fails with {errno} or {errno}")
  public void thatBindFailsWithEither(String errno, String other) {
    expect.failure(world.lastAttempt("bind").operation(), java.util.List.of(errno, other));
  }

  // --- Connecting ---------------------------------------------------------------------------

  @When("{participant} connects to {string}")
  public void connects(String participant, String name) {
    Named target = named(name);
    String handle = create(participant, target.kind(), name);
    expect.success(connect(participant, handle, target.address()));
  }

  @When("{participant} tries to connect a {socketKind} socket to {string}")
  public void triesToConnect(String participant, SocketKind kind, String name) {
    ObjectNode address = names.containsKey(name) ? names.get(name).address() : kind.bindAddress(world.path(name), world.agent(participant).hostAddress());
    String handle = create(participant, kind, null);
    world.attempted("connect", name, connect(participant, handle, address));
  }

  @Then("that connect fails with {errno}")
  public void thatConnectFails(String errno) {
    expect.failure(world.lastAttempt("connect").operation(), errno);
  }

  @When("{participant} accepts {participant}'s connection on {string}")
  public void accepts(String server, String client, String name) {
    accepted(server, client, name, startAccept(server, name));
  }

  @When("{participant} starts accepting a connection on {string}")
  public void startsAccepting(String server, String name) {
    world.putInFlight("accept", server, name, startAccept(server, name));
  }

  @Then("{participant}'s accept on {string} is still blocked")
  public void acceptStillBlocked(String server, String name) {
    expect.stillBlocked(world.inFlight("accept", server, name));
  }

  @Then("{participant}'s accept on {string} completes with {participant}'s connection")
  public void acceptCompletes(String server, String name, String client) {
    accepted(server, client, name, world.inFlight("accept", server, name));
  }

  @When("{participant} shuts down writing on {string}")
  public void shutsDownWriting(String participant, String name) {
    expect.success(world.submit(participant, Operation.SOCKET_SHUTDOWN,
        Json.args().put("handle", world.onlyHandle(participant, name)).put("how", "write")));
  }

  @Then("{participant} sees the peer of {string} as the address of {participant}'s end of {string}")
  public void seesPeer(String participant, String connection, String other, String otherName) {
    JsonNode peer = address(participant, connection).path("peer");
    JsonNode local = address(other, otherName).path("local");
    if (!named(peer) || !sameAddress(peer, local)) {
      throw new AssertionError(participant + " sees the peer of \"" + connection + "\" as " + peer + ", but " + other
          + "'s end of \"" + otherName + "\" is bound to " + local);
    }
  }

  @Then("{participant} learns that the peer of {string} is {participant}'s process and user")
  public void learnsPeerCredentials(String participant, String connection, String peer) {
    ObjectNode credentials = expect.success(world.submit(participant, Operation.SOCKET_PEERCRED,
        Json.args().put("handle", world.onlyHandle(participant, connection))));
    ObjectNode info = expect.success(world.submit(peer, Operation.PROCESS_INFO));
    long pid = world.agent(peer).reportedPid();
    if (credentials.path("pid").asLong(-1) != pid) {
      throw new AssertionError(participant + " learns that the peer of \"" + connection + "\" is pid " + credentials.path("pid")
          + "; " + peer + " is pid " + pid);
    }
    if (!credentials.path("uid").canConvertToLong() || !credentials.path("gid").canConvertToLong()) {
      throw new AssertionError(participant + " learns no user and group of the peer of \"" + connection + "\": " + credentials);
    }
    if (info.has("uid") && credentials.path("uid").asLong(-1) != info.path("uid").asLong()) {
      throw new AssertionError(participant + " learns that the peer of \"" + connection + "\" is user " + credentials.path("uid")
          + "; " + peer + " runs as user " + info.path("uid"));
    }
  }

  @Given("{participant} has created the socket pair {string} and {string}")
  public void createsPair(String participant, String first, String second) {
    ObjectNode result = expect.success(world.submit(participant, Operation.SOCKET_PAIR, Json.args().put("type", "stream")));
    JsonNode handles = result.path("handles");
    if (handles.size() != 2 || !handles.get(0).isTextual() || !handles.get(1).isTextual()) {
      throw new HarnessException(participant + "'s agent answered socket.pair without two handles: " + result);
    }
    world.putHandle(participant, first, handles.get(0).asText());
    world.putHandle(participant, second, handles.get(1).asText());
    kinds.put(participant + "/" + first, SocketKind.UNIX_STREAM);
    kinds.put(participant + "/" + second, SocketKind.UNIX_STREAM);
  }

  // --- Datagrams ----------------------------------------------------------------------------

  @When("{participant} sends the datagram {string} from {string} to {string}")
  public void sendsDatagram(String participant, String text, String from, String to) {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    ObjectNode result = expect.success(sendDatagram(participant, data, from, to));
    if (result.path("sent").asLong(-1) != data.length) {
      throw new AssertionError(participant + " sent " + result.path("sent") + " bytes of a " + data.length
          + "-byte datagram; a datagram is sent whole");
    }
  }

  @When("{participant} tries to send the datagram {string} from {string} to {string}")
  public void triesToSendDatagram(String participant, String text, String from, String to) {
    world.attempted("send", to, sendDatagram(participant, text.getBytes(StandardCharsets.UTF_8), from, to));
  }

  private PendingOperation sendDatagram(String participant, byte[] data, String from, String to) {
    requireKind(kindOf(participant, from));
    return world.submit(participant, Operation.SOCKET_SEND, Json.args()
        .put("handle", world.onlyHandle(participant, from))
        .put("data", Bytes.base64(data))
        .set("to", named(to).address()));
  }

  @Given("{participant} has filled {string} from {string} with datagrams until a send fails with EAGAIN")
  public void fillsWithDatagrams(String participant, String to, String from) {
    for (int sent = 0; sent < MAX_FILL; sent++) {
      Response response = expect.complete(sendDatagram(participant, ("datagram " + sent).getBytes(StandardCharsets.US_ASCII), from, to));
      if (!response.succeeded()) {
        if (!response.error().code().equals("EAGAIN")) {
          throw new AssertionError("filling \"" + to + "\": a non-blocking send failed with " + response.error().code()
              + " after " + sent + " datagrams; expected EAGAIN once the receiver's queue is full");
        }
        return;
      }
    }
    throw new AssertionError(participant + " sent " + MAX_FILL + " datagrams to \"" + to + "\", which nobody reads,"
        + " without a non-blocking send ever failing with EAGAIN");
  }

  @When("{participant} starts sending the datagram {string} from {string} to {string}")
  public void startsSendingDatagram(String participant, String text, String from, String to) {
    world.putInFlight("send", participant, to, sendDatagram(participant, text.getBytes(StandardCharsets.UTF_8), from, to));
  }

  @When("{participant} receives one of those datagrams on {string}")
  public void receivesAnyDatagram(String participant, String socket) {
    ObjectNode result = receive(participant, socket, MAX_DATAGRAM);
    if (Bytes.data(result).length == 0) {
      throw new AssertionError(participant + " received an empty datagram on \"" + socket + "\"; the queue held the datagrams sent");
    }
  }

  // --- Passing descriptors ------------------------------------------------------------------

  @When("{participant} passes the {end} end of {string} over {string}")
  public void passesDescriptor(String participant, ScenarioWorld.End end, String name, String socket) {
    world.requireDeclared(Capability.SOCKET_RIGHTS);
    ObjectNode args = Json.args().put("handle", world.onlyHandle(participant, socket))
        .put("data", Bytes.base64(new byte[] {'x'}));
    args.putArray("handles").add(world.handle(participant, name, end));
    ObjectNode result = expect.success(world.submit(participant, Operation.SOCKET_SEND, args));
    if (result.path("sent").asLong(-1) != 1) {
      throw new AssertionError(participant + " sent " + result.path("sent") + " bytes with the descriptor; expected the 1 byte that carries it");
    }
  }

  @When("{participant} receives a descriptor over {string}, calling it {string}")
  public void receivesDescriptor(String participant, String socket, String name) {
    world.requireDeclared(Capability.SOCKET_RIGHTS);
    ObjectNode result = expect.success(world.submit(participant, Operation.SOCKET_RECEIVE,
        Json.args().put("handle", world.onlyHandle(participant, socket)).put("max", 1)));
    JsonNode handles = result.path("handles");
    if (handles.size() != 1 || !handles.get(0).isTextual()) {
      throw new AssertionError(participant + " received " + (handles.isMissingNode() ? "no descriptor" : handles.size() + " descriptors")
          + " over \"" + socket + "\"; one was sent");
    }
    world.putHandle(participant, name, handles.get(0).asText());
  }

  @Then("{participant} receives the datagram {string} on {string}")
  public void receivesDatagram(String participant, String text, String socket) {
    expectDatagram(participant, socket, text, receive(participant, socket, MAX_DATAGRAM));
  }

  @Then("{participant} receives the datagram {string} on {string}, sent from {string}")
  public void receivesDatagramFrom(String participant, String text, String socket, String sender) {
    ObjectNode result = receive(participant, socket, MAX_DATAGRAM);
    expectDatagram(participant, socket, text, result);
    ObjectNode expected = named(sender).address();
    if (!named(result.path("from")) || !sameAddress(result.path("from"), expected)) {
      throw new AssertionError(participant + " received \"" + text + "\" from " + result.path("from") + "; it was sent from \""
          + sender + "\", bound to " + expected);
    }
  }

  @Then("{participant} receives the first {int} bytes {string} of a datagram on {string}, the rest cut off")
  public void receivesTruncated(String participant, int max, String text, String socket) {
    ObjectNode result = receive(participant, socket, max);
    String got = new String(Bytes.data(result), StandardCharsets.UTF_8);
    if (!got.equals(text)) {
      throw new AssertionError(participant + " received \"" + got + "\" in a buffer of " + max + " bytes; expected \"" + text + "\"");
    }
    if (!result.path("truncated").asBoolean(false)) {
      throw new AssertionError(participant + " received the first " + max + " bytes of a longer datagram, but is not told that the"
          + " rest was cut off (truncated: " + result.path("truncated") + ")");
    }
  }

  // --- Helpers ------------------------------------------------------------------------------

  /** Creates a socket; {@code name}, when given, is what the participant calls it from now on. */
  private String create(String participant, SocketKind kind, String name) {
    requireKind(kind);
    String handle = expect.newHandle(world.submit(participant, Operation.SOCKET_CREATE, kind.createArgs()));
    if (name != null) {
      world.putHandle(participant, name, handle);
      kinds.put(participant + "/" + name, kind);
    }
    return handle;
  }

  private String bind(String participant, String handle, SocketKind kind, String name) {
    ObjectNode result = expect.success(world.submit(participant, Operation.SOCKET_BIND,
        Json.args().put("handle", handle).set("address", kind.bindAddress(world.path(name), world.agent(participant).hostAddress()))));
    if (!result.path("address").isObject()) {
      throw new HarnessException(participant + "'s agent answered socket.bind without the address bound: " + result);
    }
    names.put(name, new Named(kind, (ObjectNode) result.get("address")));
    return handle;
  }

  private PendingOperation connect(String participant, String handle, ObjectNode address) {
    return world.submit(participant, Operation.SOCKET_CONNECT, Json.args().put("handle", handle).set("address", address));
  }

  private PendingOperation startAccept(String server, String name) {
    return world.submit(server, Operation.SOCKET_ACCEPT, Json.args().put("handle", world.onlyHandle(server, name)));
  }

  /** The server calls its end of the connection by the client's name. */
  private void accepted(String server, String client, String name, PendingOperation accept) {
    world.putHandle(server, client, expect.newHandle(accept));
    kinds.put(server + "/" + client, named(name).kind());
  }

  private ObjectNode address(String participant, String socket) {
    return expect.success(world.submit(participant, Operation.SOCKET_ADDRESS,
        Json.args().put("handle", world.onlyHandle(participant, socket))));
  }

  private ObjectNode receive(String participant, String socket, int max) {
    requireKind(kindOf(participant, socket));
    return expect.success(world.submit(participant, Operation.SOCKET_RECEIVE,
        Json.args().put("handle", world.onlyHandle(participant, socket)).put("max", max)));
  }

  private static void expectDatagram(String participant, String socket, String text, ObjectNode result) {
    String got = new String(Bytes.data(result), StandardCharsets.UTF_8);
    if (!got.equals(text) || result.path("truncated").asBoolean(false)) {
      throw new AssertionError(participant + " received \"" + got + "\"" + (result.path("truncated").asBoolean(false) ? " (truncated)" : "")
          + " on \"" + socket + "\"; expected the datagram \"" + text + "\", whole");
    }
  }

  /** Whether an address names something: a path, or an IP address and a port. */
  private static boolean named(JsonNode address) {
    return switch (address.path("family").asText()) {
      case "unix" -> !address.path("path").asText().isEmpty();
      case "inet" -> !address.path("host").asText().isEmpty() && address.path("port").asInt() > 0;
      default -> false;
    };
  }

  private static boolean sameAddress(JsonNode a, JsonNode b) {
    String family = a.path("family").asText();
    if (!family.equals(b.path("family").asText())) {
      return false;
    }
    return family.equals("unix")
        ? a.path("path").asText().equals(b.path("path").asText())
        : a.path("host").asText().equals(b.path("host").asText()) && a.path("port").asInt() == b.path("port").asInt();
  }

  private Named named(String name) {
    Named named = names.get(name);
    if (named == null) {
      throw new HarnessException("no socket is bound to \"" + name + "\" in this scenario");
    }
    return named;
  }

  private SocketKind kindOf(String participant, String socket) {
    SocketKind kind = kinds.get(participant + "/" + socket);
    if (kind == null) {
      throw new HarnessException(participant + " has no socket \"" + socket + "\" in this scenario");
    }
    return kind;
  }

  private void requireKind(SocketKind kind) {
    world.requireDeclared(kind.capability());
  }
}
