package org.ipcspec.spec.jvm.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.ipcspec.spec.jvm.ChildProcesses;
import org.ipcspec.spec.jvm.SignalCatching;
import org.ipcspec.spec.protocol.ErrorCodes;
import org.ipcspec.spec.protocol.Event;
import org.ipcspec.spec.protocol.Request;
import org.ipcspec.spec.protocol.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The host's dispatch of the operations of pipes, child processes and signals. */
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
}
