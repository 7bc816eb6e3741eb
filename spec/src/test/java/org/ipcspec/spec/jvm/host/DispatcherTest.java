package org.ipcspec.spec.jvm.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.ipcspec.spec.jvm.Address;
import org.ipcspec.spec.jvm.ChildProcesses;
import org.ipcspec.spec.jvm.SignalCatching;
import org.ipcspec.spec.jvm.SocketEndpoint;
import org.ipcspec.spec.protocol.ErrorCodes;
import org.ipcspec.spec.protocol.Event;
import org.ipcspec.spec.protocol.Request;
import org.ipcspec.spec.protocol.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The host's dispatch of the operations of pipes, child processes, signals, sockets, memory and queues. */
class DispatcherTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Fakes.FakePipes pipes = new Fakes.FakePipes();
  private final Fakes.FakeChildren children = new Fakes.FakeChildren();
  private final Fakes.FakeSignals signals = new Fakes.FakeSignals();
  private final Fakes.FakeTermination termination = new Fakes.FakeTermination();
  private final List<Event> events = new ArrayList<>();
  private long nextId;

  private Dispatcher dispatcher(Object... implementations) {
    return new Dispatcher(Providers.of(Fakes.INFO, implementations), events::add);
  }

  private Response call(Dispatcher dispatcher, String op, String args) {
    try {
      return dispatcher.handle(new Request(++nextId, op, (ObjectNode) JSON.readTree(args)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String code(Response response) {
    return response.succeeded() ? "ok" : response.error().code();
  }

  @Nested
  class Pipes {
    @Test
    void pipeCreateRegistersTheReadAndTheWriteEndAsTwoHandles() {
      Dispatcher dispatcher = dispatcher(pipes);
      Response created = call(dispatcher, "pipe.create", "{}");

      assertThat(created.result().get("read").asText()).isEqualTo("h1");
      assertThat(created.result().get("write").asText()).isEqualTo("h2");
      assertThat(code(call(dispatcher, "close", "{\"handle\":\"h1\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "close", "{\"handle\":\"h2\"}"))).isEqualTo("ok");
    }

    @Test
    void handleNonblockingPassesTheHandlesEndpointAndTheFlag() {
      Dispatcher dispatcher = dispatcher(pipes);
      call(dispatcher, "pipe.create", "{}");

      assertThat(code(call(dispatcher, "handle.nonblocking", "{\"handle\":\"h1\",\"on\":true}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "handle.nonblocking", "{\"handle\":\"h2\",\"on\":false}"))).isEqualTo("ok");
      assertThat(pipes.calls).contains("nonblocking read end true", "nonblocking write end false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"handle\":\"h1\"}", "{\"handle\":\"h1\",\"on\":1}", "{\"handle\":\"h1\",\"on\":\"yes\"}",
        "{\"handle\":\"h9\",\"on\":true}", "{\"on\":true}"})
    void handleNonblockingNeedsAnOpenHandleAndABooleanOn(String args) {
      Dispatcher dispatcher = dispatcher(pipes);
      call(dispatcher, "pipe.create", "{}");

      assertThat(code(call(dispatcher, "handle.nonblocking", args))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(pipes.calls).containsExactly("create");
    }

    @Test
    void handleStatReportsTypeSizeAndModeOfTheHandle() {
      Dispatcher dispatcher = dispatcher(pipes);
      call(dispatcher, "pipe.create", "{}");

      Response status = call(dispatcher, "handle.stat", "{\"handle\":\"h1\"}");

      assertThat(status.result().toString()).isEqualTo("{\"type\":\"fifo\",\"size\":0,\"mode\":384}");
      assertThat(code(call(dispatcher, "handle.stat", "{\"handle\":\"h7\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
    }

    @Test
    void anUnclaimedCapabilityIsUnsupported() {
      Dispatcher dispatcher = dispatcher();

      assertThat(code(call(dispatcher, "pipe.create", "{}"))).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
    }
  }

  @Nested
  class ChildProcessesOperations {
    private static final String WHERE = "\"participant\":\"kid\",\"control\":\"/tmp/c.sock\",\"scratch\":\"/tmp/kid\"";

    @Test
    void processSpawnWithPipesAnswersThePidAndTheParentsEndsAsHandles() {
      Dispatcher dispatcher = dispatcher(children);

      Response spawned = call(dispatcher, "process.spawn", "{" + WHERE + ",\"stdin\":\"pipe\",\"stdout\":\"pipe\"}");

      assertThat(spawned.result().toString()).isEqualTo("{\"pid\":4242,\"stdin\":\"h1\",\"stdout\":\"h2\"}");
      assertThat(children.calls).containsExactly(
          "spawn Spawn[participant=kid, control=/tmp/c.sock, scratch=/tmp/kid, pipeStdin=true, pipeStdout=true]");
    }

    @Test
    void processSpawnWithoutStreamsLeavesThemInheritedAndNamesNoHandle() {
      Dispatcher dispatcher = dispatcher(children);

      Response spawned = call(dispatcher, "process.spawn", "{" + WHERE + "}");

      assertThat(spawned.result().toString()).isEqualTo("{\"pid\":4242}");
      assertThat(children.calls.get(0)).endsWith("pipeStdin=false, pipeStdout=false]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"control\":\"/tmp/c.sock\",\"scratch\":\"/tmp/kid\"}",
        "{\"participant\":\"\",\"control\":\"/tmp/c.sock\",\"scratch\":\"/tmp/kid\"}",
        "{\"participant\":\"kid\",\"control\":\"c.sock\",\"scratch\":\"/tmp/kid\"}",
        "{\"participant\":\"kid\",\"control\":\"/tmp/c.sock\"}",
        "{\"participant\":\"kid\",\"control\":\"/tmp/c.sock\",\"scratch\":42}",
        "{\"participant\":\"kid\",\"control\":\"/tmp/c.sock\",\"scratch\":\"/tmp/kid\",\"stdin\":true}",
        "{\"participant\":\"kid\",\"control\":\"/tmp/c.sock\",\"scratch\":\"/tmp/kid\",\"stdout\":\"h5\"}",
        "{\"participant\":\"kid\",\"control\":\"/tmp/c.sock\",\"scratch\":\"/tmp/kid\",\"inherit\":\"h1\"}",
        "{\"participant\":\"kid\",\"control\":\"/tmp/c.sock\",\"scratch\":\"/tmp/kid\",\"inherit\":[\"h5\"]}",
        "{\"participant\":\"kid\",\"control\":\"/tmp/c.sock\",\"scratch\":\"/tmp/kid\",\"inherit\":[1]}"})
    void processSpawnNeedsAParticipantAbsolutePathsAndOpenHandles(String args) {
      Dispatcher dispatcher = dispatcher(children);

      assertThat(code(call(dispatcher, "process.spawn", args))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(children.calls).isEmpty();
    }

    @Test
    void processSpawnWithAHandleAsStdinOrInheritNeedsProcessInherit() {
      Dispatcher dispatcher = dispatcher(children, pipes);
      call(dispatcher, "pipe.create", "{}");

      assertThat(code(call(dispatcher, "process.spawn", "{" + WHERE + ",\"stdin\":\"h1\"}"))).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
      assertThat(code(call(dispatcher, "process.spawn", "{" + WHERE + ",\"inherit\":[\"h2\"]}"))).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
      assertThat(children.calls).isEmpty();
    }

    @Test
    void processSpawnHandsHandlesAndInheritedHandlesToProcessInherit() {
      Fakes.FakeInheritingChildren inheriting = new Fakes.FakeInheritingChildren();
      Dispatcher dispatcher = dispatcher(inheriting, pipes);
      call(dispatcher, "pipe.create", "{}");

      Response spawned = call(dispatcher, "process.spawn", "{" + WHERE + ",\"stdin\":\"h1\",\"stdout\":\"pipe\",\"inherit\":[\"h2\"]}");

      assertThat(spawned.result().toString()).isEqualTo("{\"pid\":4243,\"stdout\":\"h3\"}");
      assertThat(inheriting.calls.get(0))
          .startsWith("spawn inheriting ")
          .endsWith("pipeStdin=false, pipeStdout=true] stdin=read end stdout=null inherit={h2=write end}");
    }

    @Test
    void processWaitReportsAnExitStatusOrASignal() {
      Dispatcher dispatcher = dispatcher(children);

      assertThat(call(dispatcher, "process.wait", "{\"pid\":4242}").result().toString()).isEqualTo("{\"exitStatus\":3}");
      children.end = new ChildProcesses.Signalled("SIGTERM", false);
      assertThat(call(dispatcher, "process.wait", "{\"pid\":4242}").result().toString())
          .isEqualTo("{\"signal\":\"SIGTERM\",\"core\":false}");
      assertThat(code(call(dispatcher, "process.wait", "{\"pid\":77}"))).isEqualTo("ECHILD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"pid\":0}", "{\"pid\":-1}", "{\"pid\":\"4242\"}", "{\"pid\":4242.5}"})
    void processWaitNeedsAPositiveIntegerPid(String args) {
      Dispatcher dispatcher = dispatcher(children);

      assertThat(code(call(dispatcher, "process.wait", args))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(children.calls).isEmpty();
    }
  }

  @Nested
  class Signals {
    @Test
    void signalHandleMapsTheActionAndEachDeliveryBecomesASignalEvent() {
      Dispatcher dispatcher = dispatcher(signals);

      assertThat(code(call(dispatcher, "signal.handle", "{\"signal\":\"SIGUSR1\",\"action\":\"catch\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "signal.handle", "{\"signal\":\"SIGTERM\",\"action\":\"ignore\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "signal.handle", "{\"signal\":\"SIGRTMIN+2\",\"action\":\"default\"}"))).isEqualTo("ok");
      assertThat(signals.calls).containsExactly("handle SIGUSR1 CATCH", "handle SIGTERM IGNORE", "handle SIGRTMIN+2 DEFAULT");

      signals.listener.accept(new SignalCatching.Delivery("SIGUSR1", null, null, null));
      signals.listener.accept(new SignalCatching.Delivery("SIGRTMIN+2", 4242L, "SI_QUEUE", 7));

      assertThat(events).extracting(Event::event).containsOnly("signal");
      assertThat(events).extracting(e -> e.data().toString()).containsExactly(
          "{\"signal\":\"SIGUSR1\"}",
          "{\"signal\":\"SIGRTMIN+2\",\"senderPid\":4242,\"code\":\"SI_QUEUE\",\"value\":7}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"action\":\"catch\"}", "{\"signal\":\"USR1\",\"action\":\"catch\"}", "{\"signal\":\"SIGFOO\",\"action\":\"catch\"}",
        "{\"signal\":\"0\",\"action\":\"catch\"}", "{\"signal\":0,\"action\":\"catch\"}", "{\"signal\":10,\"action\":\"catch\"}",
        "{\"signal\":\"SIGRTMIN+0\",\"action\":\"catch\"}", "{\"signal\":\"SIGUSR1\"}", "{\"signal\":\"SIGUSR1\",\"action\":\"block\"}"})
    void signalHandleNeedsASignalNameAndCatchIgnoreOrDefault(String args) {
      Dispatcher dispatcher = dispatcher(signals);

      assertThat(code(call(dispatcher, "signal.handle", args))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(signals.calls).isEmpty();
    }

    @Test
    void signalSendOfSigtermSigkillOrTheNullSignalGoesToProcessTermination() {
      Dispatcher dispatcher = dispatcher(termination);

      assertThat(code(call(dispatcher, "signal.send", "{\"pid\":77,\"signal\":\"SIGTERM\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "signal.send", "{\"pid\":77,\"signal\":\"SIGKILL\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "signal.send", "{\"pid\":77,\"signal\":0}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "signal.send", "{\"pid\":77,\"signal\":\"0\"}"))).isEqualTo("ok");
      assertThat(termination.calls).containsExactly("terminate 77", "kill 77", "probe 77", "probe 77");
    }

    @Test
    void signalSendOfAnyOtherSignalNeedsSignalSendEvenWithSignalTerminate() {
      Dispatcher dispatcher = dispatcher(termination);

      Response refused = call(dispatcher, "signal.send", "{\"pid\":77,\"signal\":\"SIGUSR1\"}");

      assertThat(code(refused)).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
      assertThat(refused.error().message()).contains("signal.send", "only SIGTERM, SIGKILL and 0");
      assertThat(termination.calls).isEmpty();
    }

    @Test
    void signalSendServesSigtermWhenSignalTerminateIsNotClaimed() {
      Fakes.FakeSending sending = new Fakes.FakeSending();
      Dispatcher dispatcher = dispatcher(sending);

      assertThat(code(call(dispatcher, "signal.send", "{\"pid\":77,\"signal\":\"SIGTERM\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "signal.send", "{\"pid\":77,\"signal\":\"SIGUSR2\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "signal.send", "{\"pid\":77,\"signal\":0}"))).isEqualTo("ok");
      assertThat(sending.calls).containsExactly("send 77 SIGTERM", "send 77 SIGUSR2", "send 77 0");
    }

    @Test
    void signalSendWithAValueIsASigqueueAndNeedsSignalQueue() {
      Fakes.FakeSending sending = new Fakes.FakeSending();

      assertThat(code(call(dispatcher(termination), "signal.send", "{\"pid\":77,\"signal\":\"SIGTERM\",\"value\":1}")))
          .isEqualTo(ErrorCodes.UNSUPPORTED_OP);
      assertThat(code(call(dispatcher(sending), "signal.send", "{\"pid\":77,\"signal\":\"SIGRTMIN+1\",\"value\":-5}")))
          .isEqualTo("ok");
      assertThat(sending.calls).containsExactly("queue 77 SIGRTMIN+1 -5");
      assertThat(termination.calls).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"signal\":\"SIGTERM\"}", "{\"pid\":0,\"signal\":\"SIGTERM\"}", "{\"pid\":-1,\"signal\":\"SIGKILL\"}",
        "{\"pid\":77}", "{\"pid\":77,\"signal\":\"TERM\"}", "{\"pid\":77,\"signal\":15}", "{\"pid\":77,\"signal\":null}",
        "{\"pid\":77,\"signal\":\"SIGUSR1\",\"value\":\"1\"}", "{\"pid\":77,\"signal\":\"SIGUSR1\",\"value\":4294967296}"})
    void signalSendNeedsAPositivePidASignalOrZeroAndA32BitValue(String args) {
      Fakes.FakeSending sending = new Fakes.FakeSending();
      Dispatcher dispatcher = dispatcher(sending, termination);

      assertThat(code(call(dispatcher, "signal.send", args))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(sending.calls).isEmpty();
      assertThat(termination.calls).isEmpty();
    }

    @Test
    void signalMaskOperationsPassTheSignalNames() {
      Fakes.FakeSending mask = new Fakes.FakeSending();
      Dispatcher dispatcher = dispatcher(mask);

      assertThat(code(call(dispatcher, "signal.block", "{\"signals\":[\"SIGUSR1\",\"SIGKILL\"]}"))).isEqualTo("ok");
      assertThat(call(dispatcher, "signal.pending", "{}").result().toString()).isEqualTo("{\"signals\":[\"SIGUSR1\"]}");
      assertThat(code(call(dispatcher, "signal.unblock", "{\"signals\":[]}"))).isEqualTo("ok");
      assertThat(mask.calls).containsExactly("block [SIGUSR1, SIGKILL]", "pending", "unblock []");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"signals\":\"SIGUSR1\"}", "{\"signals\":[\"USR1\"]}", "{\"signals\":[0]}", "{\"signals\":[\"0\"]}"})
    void signalBlockNeedsAnArrayOfSignalNames(String args) {
      Fakes.FakeSending mask = new Fakes.FakeSending();
      Dispatcher dispatcher = dispatcher(mask);

      assertThat(code(call(dispatcher, "signal.block", args))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "signal.unblock", args))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(mask.calls).isEmpty();
    }

    @Test
    void malformedArgumentsAreBadArgsEvenWhenTheCapabilityIsNotClaimed() {
      Dispatcher dispatcher = dispatcher();

      assertThat(code(call(dispatcher, "signal.send", "{\"pid\":-1,\"signal\":\"SIGKILL\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "signal.handle", "{\"signal\":\"SIGUSR1\",\"action\":\"catch\"}")))
          .isEqualTo(ErrorCodes.UNSUPPORTED_OP);
    }
  }

  @Test
  void predefinedHandlesAreServedLikeAnyOtherAndCannotBeDefinedTwice() {
    Dispatcher dispatcher = dispatcher();
    Fakes.NamedEndpoint stdin = new Fakes.NamedEndpoint("stdin");
    dispatcher.predefine("stdin", stdin);

    assertThat(call(dispatcher, "read", "{\"handle\":\"stdin\"}").result().get("eof").asBoolean()).isTrue();
    assertThat(code(call(dispatcher, "close", "{\"handle\":\"stdin\"}"))).isEqualTo("ok");
    assertThat(stdin.closed).isTrue();
    assertThat(code(call(dispatcher, "read", "{\"handle\":\"stdin\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);

    dispatcher.predefine("stdout", new Fakes.NamedEndpoint("stdout"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> dispatcher.predefine("stdout", new Fakes.NamedEndpoint("again")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Nested
  class Sockets {
    private final Fakes.FakeSockets sockets = new Fakes.FakeSockets();

    @Test
    void socketCreatePicksTheInterfaceOfTheDomainAndType() {
      Dispatcher dispatcher = dispatcher(sockets);

      assertThat(call(dispatcher, "socket.create", "{\"domain\":\"unix\",\"type\":\"stream\"}").result().toString())
          .isEqualTo("{\"handle\":\"h1\"}");
      assertThat(code(call(dispatcher, "socket.create", "{\"domain\":\"inet\",\"type\":\"stream\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "socket.create", "{\"domain\":\"inet\",\"type\":\"datagram\"}"))).isEqualTo("ok");
      assertThat(sockets.calls).containsExactly("socket unix stream #1", "socket inet stream #2", "socket inet datagram #3");
    }

    @Test
    void aDomainAndTypeWhoseInterfaceIsAbsentIsUnsupportedAndNamesTheCapability() {
      Response refused = call(dispatcher(sockets), "socket.create", "{\"domain\":\"unix\",\"type\":\"datagram\"}");

      assertThat(code(refused)).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
      assertThat(refused.error().message()).contains("socket.unix.datagram");
      assertThat(code(call(dispatcher(), "socket.create", "{\"domain\":\"inet\",\"type\":\"stream\"}")))
          .isEqualTo(ErrorCodes.UNSUPPORTED_OP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"domain\":\"unix\"}", "{\"type\":\"stream\"}", "{\"domain\":\"inet6\",\"type\":\"stream\"}",
        "{\"domain\":\"unix\",\"type\":\"seqpacket\"}", "{\"domain\":1,\"type\":\"stream\"}"})
    void socketCreateNeedsAKnownDomainAndType(String args) {
      assertThat(code(call(dispatcher(), "socket.create", args))).isEqualTo(ErrorCodes.BAD_ARGS);
    }

    @Test
    void socketBindPassesTheAddressAndAnswersTheAddressTheSocketGot() {
      Dispatcher dispatcher = dispatcher(sockets);
      call(dispatcher, "socket.create", "{\"domain\":\"inet\",\"type\":\"stream\"}");
      call(dispatcher, "socket.create", "{\"domain\":\"unix\",\"type\":\"stream\"}");

      Response inet = call(dispatcher, "socket.bind", "{\"handle\":\"h1\",\"address\":{\"family\":\"inet\",\"host\":\"127.0.0.1\",\"port\":0}}");
      Response unix = call(dispatcher, "socket.bind", "{\"handle\":\"h2\",\"address\":{\"family\":\"unix\",\"path\":\"/tmp/x/svc\"}}");

      assertThat(inet.result().toString()).isEqualTo("{\"address\":{\"family\":\"inet\",\"host\":\"127.0.0.1\",\"port\":33333}}");
      assertThat(unix.result().toString()).isEqualTo("{\"address\":{\"family\":\"unix\",\"path\":\"/tmp/x/svc\"}}");
      assertThat(sockets.calls).contains("inet stream #1 bind Inet[host=127.0.0.1, port=0]", "unix stream #2 bind Unix[path=/tmp/x/svc]");
    }

    @Test
    void anAddressOfTheOtherFamilyIsTheImplementationsToAnswer() {
      Dispatcher dispatcher = dispatcher(sockets);
      call(dispatcher, "socket.create", "{\"domain\":\"unix\",\"type\":\"stream\"}");

      assertThat(code(call(dispatcher, "socket.bind", "{\"handle\":\"h1\",\"address\":{\"family\":\"inet\",\"host\":\"0.0.0.0\",\"port\":80}}")))
          .isEqualTo("ok");
      assertThat(sockets.calls).contains("unix stream #1 bind Inet[host=0.0.0.0, port=80]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"handle\":\"h1\"}", "{\"handle\":\"h1\",\"address\":\"/tmp/svc\"}", "{\"handle\":\"h1\",\"address\":{\"path\":\"/tmp/svc\"}}",
        "{\"handle\":\"h1\",\"address\":{\"family\":\"inet6\",\"host\":\"::1\",\"port\":1}}",
        "{\"handle\":\"h1\",\"address\":{\"family\":\"unix\"}}", "{\"handle\":\"h1\",\"address\":{\"family\":\"unix\",\"path\":7}}",
        "{\"handle\":\"h1\",\"address\":{\"family\":\"inet\",\"host\":\"localhost\",\"port\":1}}",
        "{\"handle\":\"h1\",\"address\":{\"family\":\"inet\",\"host\":\"256.0.0.1\",\"port\":1}}",
        "{\"handle\":\"h1\",\"address\":{\"family\":\"inet\",\"host\":\"127.0.0.1\"}}",
        "{\"handle\":\"h1\",\"address\":{\"family\":\"inet\",\"host\":\"127.0.0.1\",\"port\":65536}}",
        "{\"handle\":\"h1\",\"address\":{\"family\":\"inet\",\"host\":\"127.0.0.1\",\"port\":\"80\"}}",
        "{\"handle\":\"h9\",\"address\":{\"family\":\"unix\",\"path\":\"/tmp/svc\"}}"})
    void socketBindNeedsAWellFormedAddressAndAnOpenSocket(String args) {
      Dispatcher dispatcher = dispatcher(sockets);
      call(dispatcher, "socket.create", "{\"domain\":\"unix\",\"type\":\"stream\"}");

      assertThat(code(call(dispatcher, "socket.bind", args))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "socket.connect", args))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(sockets.calls).containsExactly("socket unix stream #1");
    }

    @Test
    void socketOperationsOnAHandleThatIsNoSocketAreBadArgs() {
      Dispatcher dispatcher = dispatcher(sockets, pipes);
      call(dispatcher, "pipe.create", "{}");

      Response refused = call(dispatcher, "socket.listen", "{\"handle\":\"h1\"}");

      assertThat(code(refused)).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(refused.error().message()).contains("h1", "not a socket");
    }

    @Test
    void aServerListensAcceptsAndLearnsThePeerAndTheConnectionIsANewHandle() {
      Dispatcher dispatcher = dispatcher(sockets);
      call(dispatcher, "socket.create", "{\"domain\":\"inet\",\"type\":\"stream\"}");

      assertThat(code(call(dispatcher, "socket.listen", "{\"handle\":\"h1\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "socket.listen", "{\"handle\":\"h1\",\"backlog\":3}"))).isEqualTo("ok");
      Response accepted = call(dispatcher, "socket.accept", "{\"handle\":\"h1\"}");

      assertThat(accepted.result().toString())
          .isEqualTo("{\"handle\":\"h2\",\"peer\":{\"family\":\"inet\",\"host\":\"127.0.0.1\",\"port\":40000}}");
      assertThat(call(dispatcher, "write", "{\"handle\":\"h2\",\"data\":\"aGk=\"}").result().get("written").asInt()).isEqualTo(2);
      assertThat(code(call(dispatcher, "close", "{\"handle\":\"h2\"}"))).isEqualTo("ok");
      assertThat(sockets.calls).containsExactly(
          "socket inet stream #1", "inet stream #1 listen 16", "inet stream #1 listen 3", "inet stream #1 accept");
    }

    @Test
    void socketConnectPassesTheSystemsRefusalOn() {
      Dispatcher dispatcher = dispatcher(sockets);
      call(dispatcher, "socket.create", "{\"domain\":\"unix\",\"type\":\"stream\"}");

      assertThat(code(call(dispatcher, "socket.connect", "{\"handle\":\"h1\",\"address\":{\"family\":\"unix\",\"path\":\"/tmp/nobody\"}}")))
          .isEqualTo("ECONNREFUSED");
    }

    @Test
    void socketAddressLeavesThePeerOutWhenThereIsNone() {
      Dispatcher dispatcher = dispatcher(sockets);
      call(dispatcher, "socket.create", "{\"domain\":\"inet\",\"type\":\"datagram\"}");

      assertThat(call(dispatcher, "socket.address", "{\"handle\":\"h1\"}").result().toString())
          .isEqualTo("{\"local\":{\"family\":\"inet\",\"host\":\"0.0.0.0\",\"port\":0}}");
    }

    @Test
    void socketSendPassesTheDestinationWhenThereIsOne() {
      Dispatcher dispatcher = dispatcher(sockets);
      call(dispatcher, "socket.create", "{\"domain\":\"inet\",\"type\":\"datagram\"}");

      assertThat(call(dispatcher, "socket.send", "{\"handle\":\"h1\",\"data\":\"b25l\"}").result().toString())
          .isEqualTo("{\"sent\":3}");
      call(dispatcher, "socket.send", "{\"handle\":\"h1\",\"data\":\"dHdv\",\"to\":{\"family\":\"inet\",\"host\":\"127.0.0.1\",\"port\":9}}");

      assertThat(sockets.calls).contains("inet datagram #1 send one to null", "inet datagram #1 send two to Inet[host=127.0.0.1, port=9]");
      assertThat(code(call(dispatcher, "socket.send", "{\"handle\":\"h1\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
    }

    @Test
    void socketReceiveReportsTheSenderAndTruncationOnlyWhenKnownAndEndOfFileAlways() {
      Dispatcher dispatcher = dispatcher(sockets);
      call(dispatcher, "socket.create", "{\"domain\":\"inet\",\"type\":\"datagram\"}");

      assertThat(call(dispatcher, "socket.receive", "{\"handle\":\"h1\"}").result().toString())
          .isEqualTo("{\"data\":\"aGk=\",\"eof\":false}");
      sockets.received = new SocketEndpoint.Received(new byte[0], new Address.Unix(""), true, false);
      assertThat(call(dispatcher, "socket.receive", "{\"handle\":\"h1\",\"max\":4}").result().toString())
          .isEqualTo("{\"data\":\"\",\"from\":{\"family\":\"unix\",\"path\":\"\"},\"truncated\":true,\"eof\":false}");
      sockets.received = new SocketEndpoint.Received(new byte[0], null, null, true);
      assertThat(call(dispatcher, "socket.receive", "{\"handle\":\"h1\"}").result().toString())
          .isEqualTo("{\"data\":\"\",\"eof\":true}");
      assertThat(code(call(dispatcher, "socket.receive", "{\"handle\":\"h1\",\"max\":0}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(sockets.calls).contains("inet datagram #1 receive 65536", "inet datagram #1 receive 4");
    }

    @Test
    void socketSendWithHandlesCarriesTheirDescriptorsAndDescriptorsReceivedBecomeHandles() {
      Dispatcher dispatcher = dispatcher(sockets, pipes);
      call(dispatcher, "socket.create", "{\"domain\":\"unix\",\"type\":\"stream\"}");
      call(dispatcher, "pipe.create", "{}");

      assertThat(call(dispatcher, "socket.send", "{\"handle\":\"h1\",\"data\":\"eA==\",\"handles\":[\"h2\",\"h3\"]}").result().toString())
          .isEqualTo("{\"sent\":1}");
      assertThat(code(call(dispatcher, "socket.send", "{\"handle\":\"h1\",\"data\":\"eQ==\",\"handles\":[]}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "socket.send", "{\"handle\":\"h1\",\"data\":\"\",\"handles\":[\"h2\"]}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "socket.send", "{\"handle\":\"h1\",\"data\":\"eA==\",\"handles\":[\"h9\"]}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "socket.send", "{\"handle\":\"h1\",\"data\":\"eA==\",\"handles\":\"h2\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      sockets.received = new SocketEndpoint.Received("x".getBytes(java.nio.charset.StandardCharsets.US_ASCII), null, null, false,
          List.of(new Fakes.NamedEndpoint("passed")));
      Response received = call(dispatcher, "socket.receive", "{\"handle\":\"h1\"}");

      assertThat(received.result().toString()).isEqualTo("{\"data\":\"eA==\",\"eof\":false,\"handles\":[\"h4\"]}");
      assertThat(code(call(dispatcher, "read", "{\"handle\":\"h4\"}"))).isEqualTo("ok");
      assertThat(sockets.calls).containsExactly("socket unix stream #1", "sendmsg unix stream #1 x to null rights [read end, write end]",
          "unix stream #1 send y to null", "unix stream #1 receive 65536");
    }

    @Test
    void socketSendWithHandlesNeedsSocketRights() {
      org.ipcspec.spec.jvm.UnixStreamSockets only = () -> sockets.unixStreamSocket();
      Dispatcher dispatcher = dispatcher(only, pipes);
      call(dispatcher, "socket.create", "{\"domain\":\"unix\",\"type\":\"stream\"}");
      call(dispatcher, "pipe.create", "{}");

      Response refused = call(dispatcher, "socket.send", "{\"handle\":\"h1\",\"data\":\"eA==\",\"handles\":[\"h2\"]}");

      assertThat(code(refused)).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
      assertThat(refused.error().message()).contains("socket.rights");
    }

    @Test
    void socketShutdownMapsHowAndAnImplementationThatCannotIsUnsupported() {
      Dispatcher dispatcher = dispatcher(sockets);
      call(dispatcher, "socket.create", "{\"domain\":\"unix\",\"type\":\"stream\"}");

      assertThat(code(call(dispatcher, "socket.shutdown", "{\"handle\":\"h1\",\"how\":\"write\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "socket.shutdown", "{\"handle\":\"h1\",\"how\":\"both\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "socket.shutdown", "{\"handle\":\"h1\",\"how\":\"read\"}"))).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
      assertThat(code(call(dispatcher, "socket.shutdown", "{\"handle\":\"h1\",\"how\":\"SHUT_WR\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "socket.shutdown", "{\"handle\":\"h1\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(sockets.calls).containsExactly("socket unix stream #1", "unix stream #1 shutdown WRITE", "unix stream #1 shutdown BOTH");
    }

    @Test
    void socketPairRegistersBothEndsAndPeercredAsksTheImplementation() {
      Dispatcher dispatcher = dispatcher(sockets);

      assertThat(call(dispatcher, "socket.pair", "{\"type\":\"stream\"}").result().toString()).isEqualTo("{\"handles\":[\"h1\",\"h2\"]}");
      assertThat(call(dispatcher, "socket.peercred", "{\"handle\":\"h1\"}").result().toString())
          .isEqualTo("{\"pid\":4242,\"uid\":1000,\"gid\":100}");
      assertThat(code(call(dispatcher, "socket.pair", "{\"type\":\"raw\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(sockets.calls).containsExactly("pair STREAM", "peercred pair-0");
    }

    @Test
    void socketPairAndPeercredNeedTheirCapabilities() {
      org.ipcspec.spec.jvm.UnixStreamSockets only = () -> sockets.unixStreamSocket();
      Dispatcher dispatcher = dispatcher(only);
      call(dispatcher, "socket.create", "{\"domain\":\"unix\",\"type\":\"stream\"}");

      assertThat(code(call(dispatcher, "socket.pair", "{\"type\":\"stream\"}"))).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
      assertThat(code(call(dispatcher, "socket.peercred", "{\"handle\":\"h1\"}"))).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
      assertThat(code(call(dispatcher, "socket.peercred", "{\"handle\":\"h7\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
    }
  }

  @Nested
  class FilesAndMemory {
    private final Fakes.FakeFiles files = new Fakes.FakeFiles();

    @Test
    void fileOpenMapsTheAccessAndTheFlagsWithMode0600ByDefault() {
      Dispatcher dispatcher = dispatcher(files);

      assertThat(call(dispatcher, "file.open", "{\"path\":\"/tmp/f\",\"access\":\"readwrite\",\"create\":true,\"exclusive\":true}")
          .result().toString()).isEqualTo("{\"handle\":\"h1\"}");
      call(dispatcher, "file.open", "{\"path\":\"/tmp/f\",\"access\":\"write\",\"mode\":420}");
      call(dispatcher, "file.open", "{\"path\":\"/tmp/f\",\"access\":\"read\"}");

      assertThat(files.calls).containsExactly(
          "open /tmp/f OpenFlags[access=READ_WRITE, create=true, exclusive=true, mode=384]",
          "open /tmp/f OpenFlags[access=WRITE, create=false, exclusive=false, mode=420]",
          "open /tmp/f OpenFlags[access=READ, create=false, exclusive=false, mode=384]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"path\":\"/tmp/f\"}", "{\"access\":\"read\"}", "{\"path\":\"/tmp/f\",\"access\":\"append\"}",
        "{\"path\":\"/tmp/f\",\"access\":\"read\",\"mode\":4096}", "{\"path\":\"/tmp/f\",\"access\":\"read\",\"mode\":-1}",
        "{\"path\":\"/tmp/f\",\"access\":\"read\",\"create\":\"yes\"}"})
    void fileOpenNeedsAPathAnAccessAndPermissionBits(String args) {
      Dispatcher dispatcher = dispatcher(files);

      assertThat(code(call(dispatcher, "file.open", args))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(files.calls).isEmpty();
    }

    @Test
    void shmOpenAndUnlinkPassTheName() {
      Dispatcher dispatcher = dispatcher(files);

      assertThat(code(call(dispatcher, "shm.open", "{\"name\":\"/ipcspec-1.a_b\",\"access\":\"readwrite\",\"create\":true}")))
          .isEqualTo("ok");
      assertThat(code(call(dispatcher, "shm.unlink", "{\"name\":\"/ipcspec-1.a_b\"}"))).isEqualTo("ok");
      assertThat(files.calls).containsExactly(
          "shm_open /ipcspec-1.a_b OpenFlags[access=READ_WRITE, create=true, exclusive=false, mode=384]", "shm_unlink /ipcspec-1.a_b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"access\":\"read\"}", "{\"name\":\"noslash\",\"access\":\"read\"}", "{\"name\":\"/\",\"access\":\"read\"}",
        "{\"name\":\"/a/b\",\"access\":\"read\"}", "{\"name\":\"/a b\",\"access\":\"read\"}", "{\"name\":\"/ok\",\"access\":\"write\"}",
        "{\"name\":\"/ok\"}"})
    void shmOpenNeedsAWellFormedNameAndReadOrReadwrite(String args) {
      Dispatcher dispatcher = dispatcher(files);

      assertThat(code(call(dispatcher, "shm.open", args))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "shm.open", "{\"name\":\"/" + "x".repeat(201) + "\",\"access\":\"read\"}")))
          .isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(files.calls).isEmpty();
    }

    @Test
    void memoryMapOfAHandleOrOfAnonymousMemorySharedByDefault() {
      Dispatcher dispatcher = dispatcher(files);
      call(dispatcher, "shm.open", "{\"name\":\"/m\",\"access\":\"readwrite\"}");

      assertThat(call(dispatcher, "memory.map", "{\"handle\":\"h1\",\"size\":8192,\"access\":\"readwrite\"}").result().toString())
          .isEqualTo("{\"handle\":\"h2\"}");
      call(dispatcher, "memory.map", "{\"handle\":\"h1\",\"size\":4096,\"offset\":4096,\"access\":\"read\",\"shared\":false}");
      call(dispatcher, "memory.map", "{\"size\":100,\"access\":\"readwrite\",\"shared\":false}");
      Response shared = call(dispatcher, "memory.map", "{\"size\":100,\"access\":\"readwrite\"}");

      assertThat(code(shared)).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
      assertThat(files.calls).containsExactly(
          "shm_open /m OpenFlags[access=READ_WRITE, create=false, exclusive=false, mode=384]",
          "map shm /m offset=0 size=8192 writable=true shared=true",
          "map shm /m offset=4096 size=4096 writable=false shared=false",
          "map anonymous size=100 writable=true shared=false",
          "map anonymous size=100 writable=true shared=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"size\":10}", "{\"access\":\"read\"}", "{\"size\":-1,\"access\":\"read\"}",
        "{\"size\":10,\"access\":\"write\"}", "{\"size\":10,\"access\":\"read\",\"offset\":-4096}",
        "{\"size\":10,\"access\":\"read\",\"shared\":1}", "{\"handle\":\"h9\",\"size\":10,\"access\":\"read\"}"})
    void memoryMapNeedsASizeAnAccessAndAnOpenHandleIfAny(String args) {
      Dispatcher dispatcher = dispatcher(files);

      assertThat(code(call(dispatcher, "memory.map", args))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(files.calls).isEmpty();
    }

    @Test
    void memoryReadAndWriteStayInsideTheMappingOrAreBadArgs() {
      Dispatcher dispatcher = dispatcher(files);
      call(dispatcher, "memory.map", "{\"size\":8192,\"access\":\"readwrite\",\"shared\":false}");

      assertThat(code(call(dispatcher, "memory.write", "{\"handle\":\"h1\",\"offset\":10,\"data\":\"aGk=\"}"))).isEqualTo("ok");
      assertThat(call(dispatcher, "memory.read", "{\"handle\":\"h1\",\"offset\":10,\"length\":2}").result().toString())
          .isEqualTo("{\"data\":\"aGk=\"}");
      assertThat(code(call(dispatcher, "memory.read", "{\"handle\":\"h1\",\"offset\":8190,\"length\":2}"))).isEqualTo("SIGBUS");
      assertThat(code(call(dispatcher, "memory.read", "{\"handle\":\"h1\",\"offset\":8192,\"length\":0}"))).isEqualTo("SIGBUS");
      assertThat(code(call(dispatcher, "memory.read", "{\"handle\":\"h1\",\"offset\":8191,\"length\":2}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "memory.read", "{\"handle\":\"h1\",\"offset\":8193,\"length\":0}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "memory.read", "{\"handle\":\"h1\",\"offset\":" + Long.MAX_VALUE + ",\"length\":2}")))
          .isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "memory.write", "{\"handle\":\"h1\",\"offset\":8191,\"data\":\"aGk=\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "memory.read", "{\"handle\":\"h1\",\"offset\":-1,\"length\":2}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "memory.read", "{\"handle\":\"h1\",\"offset\":0}"))).isEqualTo(ErrorCodes.BAD_ARGS);
    }

    @Test
    void aFaultThatEscapesTheImplementationIsInternalNotALostResponse() {
      Dispatcher dispatcher = dispatcher(files);
      call(dispatcher, "memory.map", "{\"size\":8192,\"access\":\"readwrite\",\"shared\":false}");

      Response escaped = call(dispatcher, "memory.read", "{\"handle\":\"h1\",\"offset\":4000,\"length\":1}");

      assertThat(code(escaped)).isEqualTo(ErrorCodes.INTERNAL);
      assertThat(escaped.error().message()).contains("InternalError");
    }

    @Test
    void aMappingIsNoDescriptorAndADescriptorIsNoMapping() {
      Dispatcher dispatcher = dispatcher(files);
      call(dispatcher, "file.open", "{\"path\":\"/tmp/f\",\"access\":\"readwrite\"}");
      call(dispatcher, "memory.map", "{\"handle\":\"h1\",\"size\":10,\"access\":\"read\"}");

      assertThat(code(call(dispatcher, "read", "{\"handle\":\"h2\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "write", "{\"handle\":\"h2\",\"data\":\"aGk=\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "handle.truncate", "{\"handle\":\"h2\",\"size\":0}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "memory.read", "{\"handle\":\"h1\",\"offset\":0,\"length\":1}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "read", "{\"handle\":\"h1\"}"))).isEqualTo("ok");
    }

    @Test
    void closeOfAMappingIsMunmapAndTheHandleIsForgotten() {
      Dispatcher dispatcher = dispatcher(files);
      call(dispatcher, "memory.map", "{\"size\":10,\"access\":\"read\",\"shared\":false}");

      assertThat(code(call(dispatcher, "close", "{\"handle\":\"h1\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "memory.read", "{\"handle\":\"h1\",\"offset\":0,\"length\":1}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(files.calls).endsWith("munmap");
    }

    @Test
    void handleTruncateNeedsADescriptorAndASizeOfZeroOrMore() {
      Dispatcher dispatcher = dispatcher(files);
      call(dispatcher, "file.open", "{\"path\":\"/tmp/f\",\"access\":\"readwrite\"}");

      assertThat(code(call(dispatcher, "handle.truncate", "{\"handle\":\"h1\",\"size\":4096}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "handle.truncate", "{\"handle\":\"h1\",\"size\":-1}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "handle.truncate", "{\"handle\":\"h1\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(files.calls).endsWith("truncate file /tmp/f 4096");
      assertThat(code(call(dispatcher(), "handle.truncate", "{\"handle\":\"stdin\",\"size\":1}"))).isEqualTo(ErrorCodes.BAD_ARGS);
    }

    @Test
    void theFileAndMemoryOperationsNeedTheirCapabilities() {
      Dispatcher dispatcher = dispatcher();

      assertThat(code(call(dispatcher, "file.open", "{\"path\":\"/tmp/f\",\"access\":\"read\"}"))).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
      assertThat(code(call(dispatcher, "shm.unlink", "{\"name\":\"/x\"}"))).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
      assertThat(code(call(dispatcher, "memory.map", "{\"size\":1,\"access\":\"read\",\"shared\":false}"))).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
    }
  }

  @Nested
  class Queues {
    private final Fakes.FakeQueues queues = new Fakes.FakeQueues();

    @Test
    void posixQueuesOpenSendReceiveWithTheQueuesMessageSizeByDefaultAndClose() {
      Dispatcher dispatcher = dispatcher(queues);

      assertThat(call(dispatcher, "mq.open", "{\"name\":\"/q\",\"access\":\"readwrite\",\"create\":true,\"maxMessages\":4,\"messageSize\":64}")
          .result().toString()).isEqualTo("{\"handle\":\"h1\"}");
      assertThat(code(call(dispatcher, "mq.send", "{\"handle\":\"h1\",\"data\":\"aGk=\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "mq.send", "{\"handle\":\"h1\",\"data\":\"aGk=\",\"priority\":5}"))).isEqualTo("ok");
      assertThat(call(dispatcher, "mq.receive", "{\"handle\":\"h1\"}").result().toString()).isEqualTo("{\"data\":\"bQ==\",\"priority\":7}");
      call(dispatcher, "mq.receive", "{\"handle\":\"h1\",\"max\":100}");
      assertThat(call(dispatcher, "mq.attributes", "{\"handle\":\"h1\"}").result().toString())
          .isEqualTo("{\"maxMessages\":10,\"messageSize\":8192,\"messages\":1,\"nonblocking\":false}");
      assertThat(code(call(dispatcher, "close", "{\"handle\":\"h1\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "mq.unlink", "{\"name\":\"/q\"}"))).isEqualTo("ok");

      assertThat(queues.calls).containsExactly(
          "mq_open /q OpenFlags[access=READ_WRITE, create=true, exclusive=false, mode=384] Size[maxMessages=4, messageSize=64] nonblocking=false",
          "mq_send hi 0", "mq_send hi 5", "mq_getattr", "mq_receive 8192", "mq_receive 100", "mq_getattr", "mq_close", "mq_unlink /q");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"/q\",\"access\":\"read\",\"maxMessages\":4}", "{\"name\":\"/q\",\"access\":\"read\",\"messageSize\":4}",
        "{\"name\":\"q\",\"access\":\"read\"}", "{\"name\":\"/q\"}", "{\"name\":\"/q\",\"access\":\"read\",\"nonblocking\":\"true\"}",
        "{\"name\":\"/q\",\"access\":\"read\",\"maxMessages\":-4,\"messageSize\":4}"})
    void mqOpenNeedsANameAnAccessAndBothSizesOrNeither(String args) {
      Dispatcher dispatcher = dispatcher(queues);

      assertThat(code(call(dispatcher, "mq.open", args))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(queues.calls).isEmpty();
    }

    @Test
    void queueOperationsNeedAQueueHandle() {
      Dispatcher dispatcher = dispatcher(queues, pipes);
      call(dispatcher, "pipe.create", "{}");

      assertThat(code(call(dispatcher, "mq.send", "{\"handle\":\"h1\",\"data\":\"aGk=\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "mq.attributes", "{\"handle\":\"h1\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      call(dispatcher, "mq.open", "{\"name\":\"/q\",\"access\":\"write\"}");
      assertThat(code(call(dispatcher, "mq.send", "{\"handle\":\"h3\",\"data\":\"aGk=\",\"priority\":-1}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "read", "{\"handle\":\"h3\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
    }

    @Test
    void systemVQueuesAreNamedByTheirIdentifierWithTheProtocolsDefaults() {
      Dispatcher dispatcher = dispatcher(queues);

      assertThat(call(dispatcher, "msg.get", "{\"key\":0,\"create\":true}").result().toString()).isEqualTo("{\"queue\":65536}");
      assertThat(code(call(dispatcher, "msg.send", "{\"queue\":65536,\"type\":2,\"data\":\"aGk=\",\"nowait\":true}"))).isEqualTo("ok");
      assertThat(call(dispatcher, "msg.receive", "{\"queue\":65536}").result().toString()).isEqualTo("{\"type\":3,\"data\":\"eA==\"}");
      call(dispatcher, "msg.receive", "{\"queue\":65536,\"type\":-5,\"max\":16,\"nowait\":true,\"noerror\":true}");
      assertThat(call(dispatcher, "msg.stat", "{\"queue\":65536}").result().toString())
          .isEqualTo("{\"messages\":1,\"bytes\":2,\"maxBytes\":16384,\"lastSenderPid\":4242,\"lastReceiverPid\":0}");
      assertThat(code(call(dispatcher, "msg.remove", "{\"queue\":65536}"))).isEqualTo("ok");

      assertThat(queues.calls).containsExactly(
          "msgget 0 create=true exclusive=false mode=600", "msgsnd 65536 2 hi nowait=true",
          "msgrcv 65536 0 8192 nowait=false noerror=false", "msgrcv 65536 -5 16 nowait=true noerror=true",
          "msgctl IPC_STAT 65536", "msgctl IPC_RMID 65536");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"key\":\"1\"}", "{\"key\":4294967296}", "{\"key\":1,\"mode\":8192}"})
    void msgGetNeedsA32BitKeyAndPermissionBits(String args) {
      Dispatcher dispatcher = dispatcher(queues);

      assertThat(code(call(dispatcher, "msg.get", args))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "msg.send", "{\"queue\":1,\"data\":\"aGk=\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(code(call(dispatcher, "msg.receive", "{\"queue\":1,\"max\":-1}"))).isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(queues.calls).isEmpty();
    }

    @Test
    void queuesNeedTheirCapabilities() {
      Dispatcher dispatcher = dispatcher();

      assertThat(code(call(dispatcher, "mq.unlink", "{\"name\":\"/q\"}"))).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
      assertThat(code(call(dispatcher, "msg.stat", "{\"queue\":1}"))).isEqualTo(ErrorCodes.UNSUPPORTED_OP);
    }
  }

  @Nested
  class MessageRings {
    /** A ring of at most two messages, in memory; its path "/sneaky" throws as Agrona's IoUtil does. */
    private final class FakeRings implements org.ipcspec.spec.jvm.MessageRings {
      final java.util.ArrayDeque<org.ipcspec.spec.jvm.MessageRing.Message> messages = new java.util.ArrayDeque<>();

      @Override
      public org.ipcspec.spec.jvm.MessageRing create(java.nio.file.Path path, int capacity) {
        if (path.toString().equals("/sneaky")) {
          throwUnchecked(new java.io.IOException("a checked exception nobody declared"));
        }
        return open(path);
      }

      @Override
      public org.ipcspec.spec.jvm.MessageRing open(java.nio.file.Path path) {
        return new org.ipcspec.spec.jvm.MessageRing() {
          @Override
          public int maxMessageLength() {
            return 16;
          }

          @Override
          public void write(int type, byte[] data) throws org.ipcspec.spec.jvm.IpcException {
            if (messages.size() == 2) {
              throw new org.ipcspec.spec.jvm.IpcException("EAGAIN", "full");
            }
            messages.add(new Message(type, data));
          }

          @Override
          public Message read() throws org.ipcspec.spec.jvm.IpcException {
            if (messages.isEmpty()) {
              throw new org.ipcspec.spec.jvm.IpcException("EAGAIN", "empty");
            }
            return messages.poll();
          }

          @Override
          public void close() {}
        };
      }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void throwUnchecked(Throwable t) throws T {
      throw (T) t;
    }

    @Test
    void aRingTakesTypedMessagesAndSaysItsLongestMessage() {
      Dispatcher dispatcher = dispatcher(new FakeRings());
      Response created = call(dispatcher, "ring.create", "{\"path\":\"/r\",\"capacity\":1024}");

      assertThat(created.result().toString()).isEqualTo("{\"handle\":\"h1\",\"maxMessage\":16}");
      assertThat(code(call(dispatcher, "ring.write", "{\"handle\":\"h1\",\"type\":7,\"data\":\"aGk=\"}"))).isEqualTo("ok");
      assertThat(call(dispatcher, "ring.read", "{\"handle\":\"h1\"}").result().toString())
          .isEqualTo("{\"type\":7,\"data\":\"aGk=\"}");
      assertThat(code(call(dispatcher, "ring.read", "{\"handle\":\"h1\"}"))).isEqualTo("EAGAIN");
    }

    @Test
    void aTypeOfZeroReachesTheImplementationButOneBeyond32BitsIsBadArguments() {
      FakeRings rings = new FakeRings();
      Dispatcher dispatcher = dispatcher(rings);
      call(dispatcher, "ring.create", "{\"path\":\"/r\",\"capacity\":1024}");

      assertThat(code(call(dispatcher, "ring.write", "{\"handle\":\"h1\",\"type\":0,\"data\":\"\"}"))).isEqualTo("ok");
      assertThat(code(call(dispatcher, "ring.write", "{\"handle\":\"h1\",\"type\":4294967296,\"data\":\"\"}")))
          .isEqualTo(ErrorCodes.BAD_ARGS);
      assertThat(rings.messages).hasSize(1);
    }

    @Test
    void aRingOperationOnAnotherKindOfHandleIsBadArguments() {
      Dispatcher dispatcher = dispatcher(pipes, new FakeRings());
      call(dispatcher, "pipe.create", "{}");

      assertThat(code(call(dispatcher, "ring.read", "{\"handle\":\"h1\"}"))).isEqualTo(ErrorCodes.BAD_ARGS);
    }

    @Test
    void aCheckedExceptionALibraryThrowsUndeclaredIsAnsweredInternal() {
      Dispatcher dispatcher = dispatcher(new FakeRings());

      Response response = call(dispatcher, "ring.create", "{\"path\":\"/sneaky\",\"capacity\":1024}");

      assertThat(code(response)).isEqualTo(ErrorCodes.INTERNAL);
      assertThat(response.error().message()).contains("a checked exception nobody declared");
    }
  }
}
