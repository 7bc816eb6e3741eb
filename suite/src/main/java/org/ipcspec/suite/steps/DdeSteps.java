package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.ipcspec.spec.protocol.Event;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.PendingOperation;

/**
 * Dynamic Data Exchange: a server offers a service and a topic, a client opens a conversation with
 * it and transacts. A quoted service name is the scenario's own (two scenarios at once never
 * meet); what each side's DDE callback was told comes back as events, which the Then steps read.
 */
public class DdeSteps {
  private final ScenarioWorld world;
  private final Expectations expect;
  /** The topic each server serves, by participant. */
  private final Map<String, String> topics = new HashMap<>();
  /** Each client's conversation, by participant. */
  private final Map<String, String> conversations = new HashMap<>();
  /** How many events of each kind a Then step has taken, by "participant/type": the next step reads the next one. */
  private final Map<String, Integer> taken = new HashMap<>();
  /** Each participant's last asynchronous transaction: its id, and when its id came. */
  private final Map<String, Long> transactions = new HashMap<>();
  private final Map<String, Long> transactionsAnsweredNs = new HashMap<>();

  public DdeSteps(ScenarioWorld world, Expectations expect) {
    this.world = world;
    this.expect = expect;
  }

  // --- Servers ----------------------------------------------------------------------------------

  @Given("{participant} serves the DDE service {string} on the topic {string}")
  public void serves(String participant, String service, String topic) {
    serve(participant, service, topic, Json.args());
  }

  @Given("{participant} serves the DDE service {string} on the topic {string}, answering requests after {int} ms")
  public void servesSlowly(String participant, String service, String topic, int delayMs) {
    serve(participant, service, topic, Json.args().put("answerAfterMs", delayMs));
  }

  @Given("{participant} has set the DDE item {string} to {string}")
  @When("{participant} sets the DDE item {string} to {string}")
  public void sets(String participant, String item, String text) {
    expect.success(world.submit(participant, Operation.DDE_ITEM_SET,
        Json.args().put("topic", topicOf(participant)).put("item", item).put("data", Bytes.base64(Bytes.utf8(text)))));
  }

  @Then("{participant} is told of a DDE conversation on the topic {string}")
  public void toldOfConversation(String participant, String topic) {
    ObjectNode connected = next(participant, "connected", "the conversation on topic \"" + topic + "\" confirmed");
    expectField(participant, connected, "topic", topic);
  }

  @Then("{participant} was asked for a DDE conversation on the topic {string} and refused it")
  public void refused(String participant, String topic) {
    ObjectNode connect = next(participant, "connect", "a conversation on topic \"" + topic + "\" asked for");
    expectField(participant, connect, "topic", topic);
    if (connect.path("accepted").asBoolean(true)) {
      throw new AssertionError(participant + " accepted the conversation on topic \"" + topic + "\": " + connect);
    }
  }

  @Then("{participant} receives the DDE poke of {string} into the item {string}")
  public void receivesPoke(String participant, String text, String item) {
    nextCarrying(participant, "poke", item, text, "the poke into \"" + item + "\"");
  }

  @Then("{participant} receives the DDE command {string}, once")
  public void receivesCommand(String participant, String command) {
    ObjectNode execute = next(participant, "execute", "the command \"" + command + "\"");
    expectField(participant, execute, "command", command);
    nothingMore(participant, "execute", "a second command");
  }

  // --- Clients ----------------------------------------------------------------------------------

  @Given("{participant} has opened a DDE conversation with {string} on the topic {string}")
  @When("{participant} opens a DDE conversation with {string} on the topic {string}")
  public void opens(String participant, String service, String topic) {
    ObjectNode result = expect.success(connect(participant, service, topic));
    if (!result.path("conversation").isTextual()) {
      throw new HarnessException(participant + "'s agent answered dde.connect without a conversation: " + result);
    }
    conversations.put(participant, result.get("conversation").asText());
  }

  @When("{participant} tries to open a DDE conversation with {string} on the topic {string}")
  public void triesToOpen(String participant, String service, String topic) {
    world.attempted("conversation", service, connect(participant, service, topic));
  }

  @Then("the DDE conversation is refused with {word}")
  public void conversationRefused(String code) {
    expect.failure(world.lastAttempt("conversation").operation(), code);
  }

  @Then("{participant} requests the DDE item {string} and gets {string}")
  public void requestsAndGets(String participant, String item, String text) {
    ObjectNode result = expect.success(transact(participant, Operation.DDE_REQUEST, Json.args().put("item", item)));
    expectData(participant, result, text, "the request for \"" + item + "\"");
  }

  @When("{participant} tries to request the DDE item {string}")
  public void triesToRequest(String participant, String item) {
    world.attempted("transaction", item, transact(participant, Operation.DDE_REQUEST, Json.args().put("item", item)));
  }

  @When("{participant} requests the DDE item {string} with a timeout of {int} ms")
  public void requestsWithTimeout(String participant, String item, int timeoutMs) {
    world.attempted("transaction", item, world.submit(participant, Operation.DDE_REQUEST,
        Json.args().put("conversation", conversationOf(participant)).put("item", item).put("timeoutMs", timeoutMs)));
  }

  @Then("that DDE transaction fails with {word}")
  public void transactionFails(String code) {
    expect.failure(world.lastAttempt("transaction").operation(), code);
  }

  @Then("that DDE transaction fails with {word} within {int} ms")
  public void transactionFailsWithin(String code, int limitMs) {
    PendingOperation transaction = world.lastAttempt("transaction").operation();
    expect.failure(transaction, code);
    long tookMs = (transaction.response().join().monotonicNs() - transaction.sentNs()) / 1_000_000;
    if (tookMs >= limitMs) {
      throw new AssertionError("the transaction failed with " + code + " after " + tookMs + " ms, not within " + limitMs + " ms");
    }
  }

  @When("{participant} pokes {string} into the DDE item {string}")
  public void pokes(String participant, String text, String item) {
    expect.success(transact(participant, Operation.DDE_POKE, Json.args().put("item", item).put("data", Bytes.base64(Bytes.utf8(text)))));
  }

  @When("{participant} sends the DDE command {string}")
  public void executes(String participant, String command) {
    expect.success(transact(participant, Operation.DDE_EXECUTE, Json.args().put("command", command)));
  }

  @When("{participant} starts a {word} advise loop on the DDE item {string}")
  public void startsAdvising(String participant, String mode, String item) {
    if (!mode.equals("hot") && !mode.equals("warm")) {
      throw new HarnessException("an advise loop is hot or warm, not " + mode);
    }
    expect.success(transact(participant, Operation.DDE_ADVISE_START, Json.args().put("item", item).put("mode", mode)));
  }

  @When("{participant} tries to start a hot advise loop on the DDE item {string}")
  public void triesToAdvise(String participant, String item) {
    world.attempted("transaction", item,
        transact(participant, Operation.DDE_ADVISE_START, Json.args().put("item", item).put("mode", "hot")));
  }

  @When("{participant} stops the advise loop on the DDE item {string}")
  public void stopsAdvising(String participant, String item) {
    expect.success(transact(participant, Operation.DDE_ADVISE_STOP, Json.args().put("item", item)));
  }

  @Then("{participant} is sent {string} for the DDE item {string}")
  public void isSent(String participant, String text, String item) {
    nextCarrying(participant, "advise-data", item, text, "the new value of \"" + item + "\"");
  }

  @Then("{participant} is told that the DDE item {string} changed, without its data")
  public void isToldOfChange(String participant, String item) {
    ObjectNode notice = next(participant, "advise-data", "notice of a change of \"" + item + "\"");
    expectField(participant, notice, "item", item);
    if (notice.has("data")) {
      throw new AssertionError(participant + " was sent the data " + Bytes.show(Bytes.data(notice)) + " on a warm link, "
          + "which carries only the notice of a change: " + notice);
    }
  }

  @Then("{participant} is sent nothing more for the DDE item {string}")
  public void isSentNothingMore(String participant, String item) {
    nothingMore(participant, "advise-data", "news of \"" + item + "\"");
  }

  @When("{participant} requests the DDE item {string} asynchronously")
  public void requestsAsynchronously(String participant, String item) {
    PendingOperation request = transact(participant, Operation.DDE_REQUEST, Json.args().put("item", item).put("async", true));
    ObjectNode result = expect.success(request);
    if (!result.path("transaction").canConvertToLong() || result.path("transaction").asLong() == 0) {
      throw new AssertionError(participant + "'s asynchronous request gave no transaction id: " + result);
    }
    transactions.put(participant, result.get("transaction").asLong());
    transactionsAnsweredNs.put(participant, request.response().join().monotonicNs());
  }

  @Then("{participant} gets {string} for that transaction, exactly once")
  public void getsForTransaction(String participant, String text) {
    Long id = transactions.get(participant);
    if (id == null) {
      throw new HarnessException(participant + " has made no asynchronous transaction in this scenario");
    }
    Predicate<Event> completes = event("complete").and(e -> e.data().path("transaction").asLong() == id);
    List<Event> got = await(participant, completes, 1, world.timeouts().mustHappen().toMillis());
    if (got.isEmpty()) {
      throw new AssertionError(participant + " was never told that transaction " + id + " completed");
    }
    expectData(participant, got.get(0).data(), text, "transaction " + id);
    if (got.get(0).monotonicNs() < transactionsAnsweredNs.get(participant)) {
      throw new AssertionError("the result of transaction " + id + " came before its id: the request waited for the answer");
    }
    List<Event> all = await(participant, completes, 2, world.timeouts().mustNotHappen().toMillis());
    if (all.size() > 1) {
      throw new AssertionError(participant + " was told " + all.size() + " times that transaction " + id + " completed: "
          + all.stream().map(Event::data).toList());
    }
    List<Event> others = world.agent(participant).events().matching(event("complete").and(completes.negate()));
    if (!others.isEmpty()) {
      throw new AssertionError(participant + " was told of transactions it never made: " + others.stream().map(Event::data).toList());
    }
  }

  // --- Either side ------------------------------------------------------------------------------

  @When("{participant} ends the DDE conversation")
  public void ends(String participant) {
    String conversation = conversations.remove(participant);
    if (conversation == null) {
      // The server's side: the last conversation its callback was told of.
      List<Event> confirmed = await(participant, event("connected"), 1, world.timeouts().mustHappen().toMillis());
      if (confirmed.isEmpty()) {
        throw new AssertionError(participant + " has no DDE conversation to end: its callback was told of none");
      }
      conversation = confirmed.get(confirmed.size() - 1).data().path("conversation").asText();
    }
    expect.success(world.submit(participant, Operation.DDE_DISCONNECT, Json.args().put("conversation", conversation)));
  }

  @Then("{participant} is told that the DDE conversation ended")
  public void isToldOfEnd(String participant) {
    next(participant, "disconnect", "the end of the conversation");
  }

  // --- Helpers ----------------------------------------------------------------------------------

  private void serve(String participant, String service, String topic, ObjectNode args) {
    topics.put(participant, topic);
    args.put("service", world.objects().ddeService(service)).putArray("topics").add(topic);
    expect.success(world.submit(participant, Operation.DDE_SERVE, args));
  }

  private PendingOperation connect(String participant, String service, String topic) {
    return world.submit(participant, Operation.DDE_CONNECT,
        Json.args().put("service", world.objects().ddeService(service)).put("topic", topic));
  }

  /**
   * A synchronous transaction on the participant's conversation; its timeout is half the suite's
   * "must happen" wait, so that a transaction that times out is the implementation's answer, not
   * the suite's.
   */
  private PendingOperation transact(String participant, Operation operation, ObjectNode args) {
    args.put("conversation", conversationOf(participant));
    if (!args.has("async")) {
      args.put("timeoutMs", Math.max(1, world.timeouts().mustHappen().toMillis() / 2));
    }
    return world.submit(participant, operation, args);
  }

  private String topicOf(String participant) {
    String topic = topics.get(participant);
    if (topic == null) {
      throw new HarnessException(participant + " serves no DDE service in this scenario");
    }
    return topic;
  }

  private String conversationOf(String participant) {
    String conversation = conversations.get(participant);
    if (conversation == null) {
      throw new HarnessException(participant + " has opened no DDE conversation in this scenario");
    }
    return conversation;
  }

  private static Predicate<Event> event(String type) {
    return e -> e.event().equals("dde") && type.equals(e.data().path("type").asText());
  }

  private List<Event> await(String participant, Predicate<Event> filter, int count, long millis) {
    try {
      return world.agent(participant).events().awaitAtLeast(count, filter, millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted");
    }
  }

  /** The participant's next event of this type, which must come within the "must happen" wait. */
  private ObjectNode next(String participant, String type, String what) {
    String key = participant + "/" + type;
    int index = taken.getOrDefault(key, 0);
    List<Event> got = await(participant, event(type), index + 1, world.timeouts().mustHappen().toMillis());
    if (got.size() <= index) {
      throw new AssertionError(participant + " was not told of " + what + " within " + world.timeouts().mustHappen().toMillis()
          + " ms (its DDE callback got no " + type + (index > 0 ? " after the " + index + " before" : "") + ")");
    }
    taken.put(key, index + 1);
    return got.get(index).data();
  }

  /** The participant's next event of this type is about the item and carries exactly the text. */
  private void nextCarrying(String participant, String type, String item, String text, String what) {
    ObjectNode event = next(participant, type, what);
    expectField(participant, event, "item", item);
    expectData(participant, event, text, what);
  }

  /** No further event of this type comes during the "must not happen" wait. */
  private void nothingMore(String participant, String type, String what) {
    int index = taken.getOrDefault(participant + "/" + type, 0);
    List<Event> got = await(participant, event(type), index + 1, world.timeouts().mustNotHappen().toMillis());
    if (got.size() > index) {
      throw new AssertionError(participant + " was told of " + what + ": " + got.subList(index, got.size()).stream().map(Event::data).toList());
    }
  }

  private static void expectField(String participant, ObjectNode event, String field, String expected) {
    if (!expected.equals(event.path(field).asText(null))) {
      throw new AssertionError(participant + " was told of " + field + " \"" + event.path(field).asText() + "\", not \"" + expected + "\": " + event);
    }
  }

  private static void expectData(String participant, ObjectNode carrier, String text, String what) {
    if (!carrier.path("data").isTextual()) {
      throw new AssertionError(participant + " got no data for " + what + ": " + carrier);
    }
    byte[] got = Bytes.data(carrier);
    if (!Arrays.equals(got, Bytes.utf8(text))) {
      throw new AssertionError(participant + " got " + Bytes.show(got) + " for " + what + ", not " + Bytes.show(Bytes.utf8(text)));
    }
  }
}
