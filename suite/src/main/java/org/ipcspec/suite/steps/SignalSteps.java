package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.spec.protocol.Event;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.suite.agent.Agent;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.PendingOperation;

/** Signals: dispositions, masks, sending, and what the receiver sees. */
public class SignalSteps {
  /** What signal.terminate covers; any other signal needs signal.send. */
  private static final Set<String> TERMINATING = Set.of("SIGTERM", "SIGKILL", "0");

  private final ScenarioWorld world;
  private final Expectations expect;

  public SignalSteps(ScenarioWorld world, Expectations expect) {
    this.world = world;
    this.expect = expect;
  }

  // --- Dispositions and masks -----------------------------------------------------------------

  @Given("{participant} catches {signal}")
  public void catches(String participant, String signal) {
    expect.success(handle(participant, signal, "catch"));
    remember(participant, signal, "catch");
  }

  @Given("{participant} ignores {signal}")
  public void ignores(String participant, String signal) {
    expect.success(handle(participant, signal, "ignore"));
    remember(participant, signal, "ignore");
  }

  @Given("{participant} restores the default action for {signal}")
  public void restoresDefault(String participant, String signal) {
    expect.success(handle(participant, signal, "default"));
    remember(participant, signal, "default");
  }

  @When("{participant} tries to catch {signal}")
  public void triesToCatch(String participant, String signal) {
    world.attempted("catch", signal, handle(participant, signal, "catch"));
  }

  @When("{participant} tries to ignore {signal}")
  public void triesToIgnore(String participant, String signal) {
    world.attempted("catch", signal, handle(participant, signal, "ignore"));
  }

  @Then("that catch fails with {errno}")
  public void thatCatchFails(String errno) {
    expect.failure(world.lastAttempt("catch").operation(), errno);
  }

  /** So that a death by a signal the agent said it would catch or ignore reads as FAIL, not as a crash. */
  private void remember(String participant, String signal, String action) {
    Integer number = SignalNumbers.numberOf(signal);
    if (number != null) {
      world.agent(participant).signalActionSet(number, signal, action);
    }
  }

  private PendingOperation handle(String participant, String signal, String action) {
    return world.submit(participant, Operation.SIGNAL_HANDLE, Json.args().put("signal", signal).put("action", action));
  }

  @Given("{participant} blocks {signal}")
  public void blocks(String participant, String signal) {
    expect.success(world.submit(participant, Operation.SIGNAL_BLOCK, signals(signal)));
  }

  @When("{participant} unblocks {signal}")
  public void unblocks(String participant, String signal) {
    expect.success(world.submit(participant, Operation.SIGNAL_UNBLOCK, signals(signal)));
  }

  @Then("{signal} is pending for {participant}")
  public void isPending(String signal, String participant) {
    if (!pending(participant).contains(signal)) {
      throw new AssertionError(signal + " is not pending for " + participant + "; pending: " + pending(participant));
    }
  }

  @Then("{signal} is not pending for {participant}")
  public void isNotPending(String signal, String participant) {
    List<String> pending = pending(participant);
    if (pending.contains(signal)) {
      throw new AssertionError(signal + " is still pending for " + participant + "; pending: " + pending);
    }
  }

  private List<String> pending(String participant) {
    ObjectNode result = expect.success(world.submit(participant, Operation.SIGNAL_PENDING));
    if (!result.path("signals").isArray()) {
      throw new HarnessException(participant + "'s agent answered signal.pending without a list: " + result);
    }
    return java.util.stream.StreamSupport.stream(result.get("signals").spliterator(), false).map(JsonNode::asText).toList();
  }

  // --- Sending --------------------------------------------------------------------------------

  @When("{participant} sends {signal} to {participant}")
  public void sends(String sender, String signal, String target) {
    expect.success(send(sender, signal, world.agent(target).reportedPid(), null));
  }

  @When("{participant} sends {signal} to {participant} {int} times")
  public void sendsTimes(String sender, String signal, String target, int times) {
    for (int i = 0; i < times; i++) {
      expect.success(send(sender, signal, world.agent(target).reportedPid(), null));
    }
  }

  @When("{participant} queues {signal} to {participant} with the values {numbers}")
  public void queues(String sender, String signal, String target, List<Integer> values) {
    world.requireDeclared(Capability.SIGNAL_QUEUE);
    for (int value : values) {
      expect.success(send(sender, signal, world.agent(target).reportedPid(), value));
    }
  }

  @When("{participant} tries to send {signal} to a process that has ended")
  public void triesToSendToEnded(String sender, String signal) throws IOException, InterruptedException {
    world.attempted("send", signal, send(sender, signal, endedPid(), null));
  }

  @When("{participant} tries to send {signal} to {participant}")
  public void triesToSend(String sender, String signal, String target) {
    world.attempted("send", signal, send(sender, signal, world.agent(target).reportedPid(), null));
  }

  /** From another PID namespace, the only number for the target there is: the one this machine gives it. */
  @When("{participant} tries to send {signal} to the pid this machine knows {participant} by")
  public void triesToSendByHostPid(String sender, String signal, String target) {
    world.attempted("send", signal, send(sender, signal, world.agent(target).hostPid(), null));
  }

  @When("{participant} tries to send the null signal to {participant}")
  public void triesNullSignal(String sender, String target) {
    world.attempted("send", "0", send(sender, "0", world.agent(target).reportedPid(), null));
  }

  @When("{participant} tries to send the null signal to a process that has ended")
  public void triesNullSignalToEnded(String sender) throws IOException, InterruptedException {
    world.attempted("send", "0", send(sender, "0", endedPid(), null));
  }

  @Then("that send fails with {errno}")
  public void thatSendFails(String errno) {
    expect.failure(world.lastAttempt("send").operation(), errno);
  }

  @Then("that send succeeds")
  public void thatSendSucceeds() {
    expect.success(world.lastAttempt("send").operation());
  }

  private PendingOperation send(String sender, String signal, long pid, Integer value) {
    boolean terminating = TERMINATING.contains(signal);
    if (!terminating || !world.declares(Capability.SIGNAL_TERMINATE)) {
      world.requireDeclared(Capability.SIGNAL_SEND);
    }
    ObjectNode args = Json.args().put("pid", pid).put("signal", signal);
    if (value != null) {
      args.put("value", value);
    }
    return world.submit(sender, Operation.SIGNAL_SEND, args);
  }

  /** The pid of a process that has just ended: no process has it now. */
  private static long endedPid() throws IOException, InterruptedException {
    Process process = new ProcessBuilder("true").start();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new HarnessException("the harness's 'true' did not end");
    }
    return process.pid();
  }

  // --- Receiving ------------------------------------------------------------------------------

  @Then("{participant} receives {signal} exactly once")
  public void receivesOnce(String participant, String signal) {
    List<Event> got = receive(participant, signal, 1);
    expectCount(participant, signal, got, 1);
  }

  @Then("{participant} does not receive {signal}")
  public void doesNotReceive(String participant, String signal) {
    List<Event> got = receive(participant, signal, 0);
    expectCount(participant, signal, got, 0);
  }

  @Then("{participant} receives {signal} from {participant}, sent with {word}")
  public void receivesFrom(String participant, String signal, String sender, String code) {
    List<Event> got = receive(participant, signal, 1);
    expectCount(participant, signal, got, 1);
    JsonNode data = got.get(0).data();
    long pid = world.agent(sender).reportedPid();
    if (data.path("senderPid").asLong(-1) != pid || !code.equals(data.path("code").asText())) {
      throw new AssertionError(participant + "'s handler saw " + signal + " from pid " + data.path("senderPid")
          + " with code " + data.path("code") + "; expected " + sender + " (pid " + pid + ") with " + code);
    }
  }

  @Then("{participant} receives {signal} {int} times, with the values {numbers} in that order")
  public void receivesValues(String participant, String signal, int times, List<Integer> values) {
    List<Event> got = receive(participant, signal, times);
    expectCount(participant, signal, got, times);
    List<Integer> seen = got.stream().map(e -> e.data().path("value").asInt(Integer.MIN_VALUE)).toList();
    if (!seen.equals(values)) {
      throw new AssertionError(participant + " received " + signal + " with the values " + seen + "; expected " + values);
    }
  }

  /**
   * Waits until {@code atLeast} deliveries arrive (the "must happen" wait), then long enough (the
   * "must not happen" wait) for any extra one to show.
   */
  private List<Event> receive(String participant, String signal, int atLeast) {
    Agent agent = world.agent(participant);
    Predicate<Event> isIt = e -> e.event().equals("signal") && signal.equals(e.data().path("signal").asText());
    try {
      if (atLeast > 0) {
        agent.events().awaitAtLeast(atLeast, isIt, world.timeouts().mustHappen().toMillis());
      }
      Thread.sleep(world.timeouts().mustNotHappen().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted");
    }
    if (agent.broken() != null) {
      throw agent.broken(); // a FAIL when the signal it had set to catch killed it (Agent.killedDespiteItsAction)
    }
    return agent.events().matching(isIt);
  }

  private static void expectCount(String participant, String signal, List<Event> got, int expected) {
    if (got.size() != expected) {
      throw new AssertionError(participant + " received " + signal + " " + got.size() + " time(s); expected "
          + expected + (got.isEmpty() ? "" : ": " + got.stream().map(Event::data).toList()));
    }
  }

  private static ObjectNode signals(String signal) {
    ObjectNode args = Json.args();
    ArrayNode list = args.putArray("signals");
    list.add(signal);
    return args;
  }

}
