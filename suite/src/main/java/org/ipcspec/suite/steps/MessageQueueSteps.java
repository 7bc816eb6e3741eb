package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.spec.protocol.Response;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.PendingOperation;

/**
 * Message queues: POSIX ones, named and with priorities, and System V ones, found by key and with
 * message types. A quoted name ("orders", "jobs") is a queue the scenario's participants share.
 */
public class MessageQueueSteps {
  /** The queue a step creates when it does not say: small enough for any system's limits. */
  private static final int DEFAULT_MESSAGES = 10;
  private static final int DEFAULT_SIZE = 256;
  /** More messages than any System V queue holds by default: filling stops at EAGAIN long before. */
  private static final int MAX_FILL = 4096;

  private final ScenarioWorld world;
  private final Expectations expect;
  /** System V queue identifiers, valid in every process, by "participant/name". */
  private final Map<String, Long> identifiers = new LinkedHashMap<>();

  public MessageQueueSteps(ScenarioWorld world, Expectations expect) {
    this.world = world;
    this.expect = expect;
  }

  // --- POSIX message queues -----------------------------------------------------------------

  @Given("{participant} creates the message queue {string}")
  public void creates(String participant, String name) {
    creates(participant, name, DEFAULT_MESSAGES, DEFAULT_SIZE);
  }

  @Given("{participant} creates the message queue {string} for {int} message(s) of up to {int} bytes")
  public void creates(String participant, String name, int messages, int size) {
    keep(participant, name, open(participant, name, "readwrite", true, false)
        .put("maxMessages", messages).put("messageSize", size));
  }

  @Given("{participant} opens the message queue {string} for {queueAccess}")
  public void opens(String participant, String name, String access) {
    keep(participant, name, open(participant, name, access, false, false));
  }

  @Given("{participant} opens the message queue {string} for {queueAccess} without blocking")
  public void opensNonBlocking(String participant, String name, String access) {
    keep(participant, name, open(participant, name, access, false, true));
  }

  @When("{participant} tries to open the message queue {string}")
  public void triesToOpen(String participant, String name) {
    world.attempted("open", name, world.submit(participant, Operation.MQ_OPEN, open(participant, name, "readwrite", false, false)));
  }

  @When("{participant} tries to create the message queue {string} exclusively")
  public void triesToCreate(String participant, String name) {
    ObjectNode args = open(participant, name, "readwrite", true, false).put("maxMessages", DEFAULT_MESSAGES).put("messageSize", DEFAULT_SIZE);
    world.attempted("creation", name, world.submit(participant, Operation.MQ_OPEN, args));
  }

  @When("{participant} removes the message queue {string}")
  public void removes(String participant, String name) {
    expect.success(world.submit(participant, Operation.MQ_UNLINK, Json.args().put("name", world.objects().queue(name))));
  }

  @When("{participant} sends the message {string} to {string}")
  public void sends(String participant, String text, String name) {
    expect.success(send(participant, name, Bytes.utf8(text), 0));
  }

  @When("{participant} sends the message {string} to {string} with priority {int}")
  public void sendsWithPriority(String participant, String text, String name, int priority) {
    expect.success(send(participant, name, Bytes.utf8(text), priority));
  }

  @When("{participant} sends the messages {int} to {int} to {string}")
  public void sendsNumbered(String participant, int from, int to, String name) {
    for (int i = from; i <= to; i++) {
      expect.success(send(participant, name, Bytes.utf8("message " + i), 0));
    }
  }

  @When("{participant} sends a message of the 256 byte values to {string}")
  public void sendsEveryByte(String participant, String name) {
    expect.success(send(participant, name, everyByte(), 0));
  }

  @When("{participant} tries to send the message {string} to {string}")
  public void triesToSend(String participant, String text, String name) {
    world.attempted("send", name, send(participant, name, Bytes.utf8(text), 0));
  }

  @When("{participant} tries to send a message of {int} bytes to {string}")
  public void triesToSendBytes(String participant, int size, String name) {
    byte[] data = new byte[size];
    Arrays.fill(data, (byte) 'm');
    world.attempted("send", name, send(participant, name, data, 0));
  }

  @When("{participant} starts sending {string} to {string}")
  public void startsSending(String participant, String text, String name) {
    world.putInFlight("send", participant, name, send(participant, name, Bytes.utf8(text), 0));
  }

  @Then("{participant} receives the message {string} from {string}")
  public void receives(String participant, String text, String name) {
    expectMessage(participant, name, Bytes.utf8(text), null, expect.success(receive(participant, name, null)));
  }

  @Then("{participant} receives the message {string} from {string}, with priority {int}")
  public void receivesWithPriority(String participant, String text, String name, int priority) {
    expectMessage(participant, name, Bytes.utf8(text), priority, expect.success(receive(participant, name, null)));
  }

  @Then("{participant} receives the messages {int} to {int} from {string}, in order")
  public void receivesNumbered(String participant, int from, int to, String name) {
    for (int i = from; i <= to; i++) {
      expectMessage(participant, name, Bytes.utf8("message " + i), null, expect.success(receive(participant, name, null)));
    }
  }

  @Then("{participant} receives a message of the 256 byte values from {string}")
  public void receivesEveryByte(String participant, String name) {
    expectMessage(participant, name, everyByte(), null, expect.success(receive(participant, name, null)));
  }

  @When("{participant} tries to receive from {string}")
  public void triesToReceive(String participant, String name) {
    world.attempted("receive", name, receive(participant, name, null));
  }

  @When("{participant} tries to receive from {string} into a buffer of {int} bytes")
  public void triesToReceiveInto(String participant, String name, int max) {
    world.attempted("receive", name, receive(participant, name, max));
  }

  @When("{participant} starts receiving from {string}")
  public void startsReceiving(String participant, String name) {
    world.putInFlight("receive", participant, name, receive(participant, name, null));
  }

  @Then("{participant}'s receive from {string} completes with the message {string}")
  public void receiveCompletes(String participant, String name, String text) {
    expectMessage(participant, name, Bytes.utf8(text), null, expect.success(world.inFlight("receive", participant, name)));
  }

  @Then("{participant} sees {string} holding {int} messages, with room for {int} messages of up to {int} bytes")
  public void seesAttributes(String participant, String name, int waiting, int capacity, int size) {
    ObjectNode attributes = expect.success(world.submit(participant, Operation.MQ_ATTRIBUTES,
        Json.args().put("handle", world.onlyHandle(participant, name))));
    if (attributes.path("messages").asLong(-1) != waiting || attributes.path("maxMessages").asLong(-1) != capacity
        || attributes.path("messageSize").asLong(-1) != size) {
      throw new AssertionError(participant + " sees \"" + name + "\" as " + attributes + "; expected " + waiting
          + " messages waiting, room for " + capacity + ", of up to " + size + " bytes");
    }
  }

  // --- Either kind ----------------------------------------------------------------------------

  @Then("that receive fails with {errno}")
  public void thatReceiveFails(String errno) {
    expect.failure(world.lastAttempt("receive").operation(), errno);
  }

  @Then("{participant}'s send to {string} is still blocked")
  public void sendStillBlocked(String participant, String name) {
    expect.stillBlocked(world.inFlight("send", participant, name));
  }

  @Then("{participant}'s send to {string} completes")
  public void sendCompletes(String participant, String name) {
    expect.success(world.inFlight("send", participant, name));
  }

  @Then("{participant}'s receive from {string} is still blocked")
  public void receiveStillBlocked(String participant, String name) {
    expect.stillBlocked(world.inFlight("receive", participant, name));
  }

  @Then("{participant}'s receive from {string} fails with {errno}")
  public void receiveFails(String participant, String name, String errno) {
    expect.failure(world.inFlight("receive", participant, name), errno);
  }

  // --- System V message queues ----------------------------------------------------------------

  @Given("{participant} creates the System V queue {string}")
  public void createsSystemV(String participant, String name) {
    keepIdentifier(participant, name, expect.success(msgget(participant, name, true)));
  }

  @Given("{participant} gets the System V queue {string}")
  public void getsSystemV(String participant, String name) {
    keepIdentifier(participant, name, expect.success(msgget(participant, name, false)));
  }

  @When("{participant} tries to get the System V queue {string}")
  public void triesToGetSystemV(String participant, String name) {
    world.attempted("open", name, msgget(participant, name, false));
  }

  @Then("{participant} and {participant} hold the same queue identifier for {string}")
  public void sameIdentifier(String first, String second, String name) {
    long a = identifier(first, name);
    long b = identifier(second, name);
    if (a != b) {
      throw new AssertionError(first + " and " + second + " got the queue identifiers " + a + " and " + b
          + " for one key; one key names one queue");
    }
  }

  @When("{participant} removes the System V queue {string}")
  public void removesSystemV(String participant, String name) {
    expect.success(world.submit(participant, Operation.MSG_REMOVE, Json.args().put("queue", identifier(participant, name))));
  }

  @When("{participant} sends a message of type {long} with {string} to {string}")
  public void sendsTyped(String participant, long type, String text, String name) {
    expect.success(msgsnd(participant, name, type, Bytes.utf8(text), false));
  }

  @When("{participant} sends {string} to {participant} on {string}")
  public void sendsTo(String participant, String text, String receiver, String name) {
    expect.success(msgsnd(participant, name, world.agent(receiver).reportedPid(), Bytes.utf8(text), false));
  }

  @When("{participant} starts sending a message of type {long} with {string} to {string}")
  public void startsSendingTyped(String participant, long type, String text, String name) {
    world.putInFlight("send", participant, name, msgsnd(participant, name, type, Bytes.utf8(text), false));
  }

  @Given("{participant} has filled {string} with messages of {int} bytes until a send fails with EAGAIN")
  public void fills(String participant, String name, int size) {
    byte[] data = new byte[size];
    Arrays.fill(data, (byte) 'f');
    for (int sent = 0; sent < MAX_FILL; sent++) {
      Response response = expect.complete(msgsnd(participant, name, 1, data, true));
      if (!response.succeeded()) {
        if (!response.error().code().equals("EAGAIN")) {
          throw new AssertionError("filling \"" + name + "\": a send without waiting failed with " + response.error().code()
              + " after " + sent + " messages; expected EAGAIN once it is full");
        }
        return;
      }
    }
    throw new AssertionError(participant + " sent " + MAX_FILL + " messages of " + size + " bytes to \"" + name
        + "\" without a send ever failing with EAGAIN");
  }

  @Then("{participant} receives a message of type {long} with {string} from {string}")
  public void receivesTyped(String participant, long type, String text, String name) {
    expectTyped(participant, name, type, Bytes.utf8(text), expect.success(msgrcv(participant, name, type, null, false, false)));
  }

  @Then("{participant} receives a message of {int} bytes from {string}")
  public void receivesSized(String participant, int size, String name) {
    ObjectNode result = expect.success(msgrcv(participant, name, 0, null, false, false));
    int length = Bytes.data(result).length;
    if (length != size) {
      throw new AssertionError(participant + " received a message of " + length + " bytes from \"" + name + "\"; expected " + size);
    }
  }

  @Then("{participant} receives the message {string} addressed to him/her from {string}")
  public void receivesOwn(String participant, String text, String name) {
    long pid = world.agent(participant).reportedPid();
    expectTyped(participant, name, pid, Bytes.utf8(text), expect.success(msgrcv(participant, name, pid, null, true, false)));
  }

  @Then("{participant} receives from {string} the lowest type up to {long}: type {long} with {string}")
  public void receivesLowest(String participant, String name, long limit, long type, String text) {
    expectTyped(participant, name, type, Bytes.utf8(text), expect.success(msgrcv(participant, name, -limit, null, false, false)));
  }

  @When("{participant} tries to receive a message of type {long} from {string} without waiting")
  public void triesToReceiveTyped(String participant, long type, String name) {
    world.attempted("receive", name, msgrcv(participant, name, type, null, true, false));
  }

  @When("{participant} tries to receive a message from {string} into {int} bytes")
  public void triesToReceiveSmall(String participant, String name, int max) {
    world.attempted("receive", name, msgrcv(participant, name, 0, max, false, false));
  }

  @Then("{participant} receives {string} of type {long} from {string} into {int} bytes, the rest cut off")
  public void receivesCut(String participant, String text, long type, String name, int max) {
    expectTyped(participant, name, type, Bytes.utf8(text), expect.success(msgrcv(participant, name, 0, max, false, true)));
  }

  @When("{participant} starts receiving a message of type {long} from {string}")
  public void startsReceivingTyped(String participant, long type, String name) {
    world.putInFlight("receive", participant, name, msgrcv(participant, name, type, null, false, false));
  }

  @Then("{participant}'s receive from {string} completes with type {long} and {string}")
  public void typedReceiveCompletes(String participant, String name, long type, String text) {
    expectTyped(participant, name, type, Bytes.utf8(text), expect.success(world.inFlight("receive", participant, name)));
  }

  @Then("{participant} learns that the last message on {string} was sent by {participant}")
  public void learnsLastSender(String participant, String name, String sender) {
    ObjectNode status = expect.success(world.submit(participant, Operation.MSG_STAT, Json.args().put("queue", identifier(participant, name))));
    long pid = world.agent(sender).reportedPid();
    if (status.path("lastSenderPid").asLong(-1) != pid) {
      throw new AssertionError(participant + " learns that the last message on \"" + name + "\" came from pid "
          + status.path("lastSenderPid") + "; " + sender + " (pid " + pid + ") sent it");
    }
  }

  // --- Helpers ------------------------------------------------------------------------------

  private ObjectNode open(String participant, String name, String access, boolean create, boolean nonblocking) {
    return Json.args().put("name", world.objects().queue(name)).put("access", access).put("create", create)
        .put("exclusive", create).put("mode", 0600).put("nonblocking", nonblocking);
  }

  private void keep(String participant, String name, ObjectNode args) {
    world.putHandle(participant, name, expect.newHandle(world.submit(participant, Operation.MQ_OPEN, args)));
  }

  private PendingOperation send(String participant, String name, byte[] data, int priority) {
    return world.submit(participant, Operation.MQ_SEND, Json.args().put("handle", world.onlyHandle(participant, name))
        .put("data", Bytes.base64(data)).put("priority", priority));
  }

  private PendingOperation receive(String participant, String name, Integer max) {
    ObjectNode args = Json.args().put("handle", world.onlyHandle(participant, name));
    if (max != null) {
      args.put("max", max);
    }
    return world.submit(participant, Operation.MQ_RECEIVE, args);
  }

  private static void expectMessage(String participant, String name, byte[] expected, Integer priority, ObjectNode result) {
    byte[] data = Bytes.data(result);
    if (!Arrays.equals(data, expected)) {
      throw new AssertionError(participant + " received " + Bytes.show(data) + " from \"" + name + "\"; expected " + Bytes.show(expected));
    }
    if (priority != null && result.path("priority").asLong(-1) != priority) {
      throw new AssertionError(participant + " received " + Bytes.show(data) + " with priority " + result.path("priority")
          + "; it was sent with priority " + priority);
    }
  }

  private PendingOperation msgget(String participant, String name, boolean create) {
    return world.submit(participant, Operation.MSG_GET, Json.args().put("key", world.objects().key(name))
        .put("create", create).put("exclusive", create).put("mode", 0600));
  }

  private void keepIdentifier(String participant, String name, ObjectNode result) {
    if (!result.path("queue").canConvertToLong()) {
      throw new HarnessException(participant + "'s agent answered msg.get without a queue identifier: " + result);
    }
    identifiers.put(participant + "/" + name, result.get("queue").asLong());
  }

  private long identifier(String participant, String name) {
    Long id = identifiers.get(participant + "/" + name);
    if (id == null) {
      throw new HarnessException(participant + " has not got the System V queue \"" + name + "\" in this scenario");
    }
    return id;
  }

  private PendingOperation msgsnd(String participant, String name, long type, byte[] data, boolean nowait) {
    return world.submit(participant, Operation.MSG_SEND, Json.args().put("queue", identifier(participant, name))
        .put("type", type).put("data", Bytes.base64(data)).put("nowait", nowait));
  }

  private PendingOperation msgrcv(String participant, String name, long type, Integer max, boolean nowait, boolean noerror) {
    ObjectNode args = Json.args().put("queue", identifier(participant, name)).put("type", type)
        .put("nowait", nowait).put("noerror", noerror);
    if (max != null) {
      args.put("max", max);
    }
    return world.submit(participant, Operation.MSG_RECEIVE, args);
  }

  private static void expectTyped(String participant, String name, long type, byte[] expected, ObjectNode result) {
    byte[] data = Bytes.data(result);
    if (result.path("type").asLong(-1) != type || !Arrays.equals(data, expected)) {
      throw new AssertionError(participant + " received type " + result.path("type") + " with " + Bytes.show(data) + " from \""
          + name + "\"; expected type " + type + " with " + Bytes.show(expected));
    }
  }

  private static byte[] everyByte() {
    byte[] data = new byte[256];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    return data;
  }
}
