package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.spec.protocol.Response;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.PendingOperation;

/**
 * Message rings and broadcast buffers: messages passed through memory the participants share, a
 * file in the scenario's folder that each maps. A quoted name ("jobs", "news") is that file.
 */
public class RingSteps {
  /** More messages than any ring of the scenarios holds: filling stops at EAGAIN long before. */
  private static final int MAX_FILL = 4096;
  private static final Pattern SIGNED = Pattern.compile("(\\S+) ([0-9]+)");
  /** The type of every signed message. */
  private static final int SIGNED_TYPE = 4;

  private final ScenarioWorld world;
  private final Expectations expect;
  /** The longest message of each ring, as the agent that made or opened it said, by "participant/name". */
  private final Map<String, Integer> longest = new HashMap<>();
  /** Numbered messages: the size of each, how many were written and how many read, by ring. */
  private final Map<String, Integer> numberedSize = new HashMap<>();
  private final Map<String, Integer> numberedWritten = new HashMap<>();
  private final Map<String, Integer> numberedRead = new HashMap<>();

  public RingSteps(ScenarioWorld world, Expectations expect) {
    this.world = world;
    this.expect = expect;
  }

  // --- Rings --------------------------------------------------------------------------------

  @Given("{participant} has created the message ring {string} of {int} bytes")
  public void creates(String participant, String name, int capacity) {
    keep(participant, name, Operation.RING_CREATE, Json.args().put("path", world.path(name)).put("capacity", capacity));
  }

  @Given("{participant} has opened the message ring {string}")
  @When("{participant} opens the message ring {string}")
  public void opens(String participant, String name) {
    keep(participant, name, Operation.RING_OPEN, Json.args().put("path", world.path(name)));
  }

  @When("{participant} writes a message of type {int} with {string} to the ring {string}")
  public void writes(String participant, int type, String text, String name) {
    expect.success(write(participant, name, type, Bytes.utf8(text)));
  }

  @When("{participant} tries to write a message of type {int} with {string} to the ring {string}")
  public void triesToWrite(String participant, int type, String text, String name) {
    world.attempted("write", name, write(participant, name, type, Bytes.utf8(text)));
  }

  @Then("{participant} reads a message of type {int} with {string} from the ring {string}")
  public void reads(String participant, int type, String text, String name) {
    expectMessage(participant, name, type, Bytes.utf8(text), expect.success(read(participant, name)));
  }

  @When("{participant} tries to read a message from the ring {string}")
  public void triesToRead(String participant, String name) {
    world.attempted("read", name, read(participant, name));
  }

  @Then("{participant} finds the ring {string} empty")
  public void findsEmpty(String participant, String name) {
    expectNothing(participant, name, read(participant, name), "the ring");
  }

  @When("{participant} writes a message as long as the ring {string} takes")
  public void writesLongest(String participant, String name) {
    expect.success(write(participant, name, 1, filled(longest(participant, name), 'L')));
  }

  @When("{participant} tries to write a message one byte longer than the ring {string} takes")
  public void triesToWriteTooLong(String participant, String name) {
    world.attempted("write", name, write(participant, name, 1, filled(longest(participant, name) + 1, 'X')));
  }

  @Then("{participant} reads a message as long as the ring {string} takes")
  public void readsLongest(String participant, String name) {
    expectMessage(participant, name, 1, filled(longest(participant, name), 'L'), expect.success(read(participant, name)));
  }

  @Given("{participant} has filled the ring {string} with numbered messages of {int} bytes until a write fails with EAGAIN")
  public void fills(String participant, String name, int size) {
    numberedSize.put(name, size);
    for (int n = 1; n <= MAX_FILL; n++) {
      Response response = expect.complete(write(participant, name, n, numbered(n, size)));
      if (!response.succeeded()) {
        if (!response.error().code().equals("EAGAIN")) {
          throw new AssertionError("filling the ring \"" + name + "\": write " + n + " failed with " + response.error().code()
              + " (" + response.error().message() + "); expected EAGAIN once it is full");
        }
        if (n == 1) {
          throw new AssertionError("the empty ring \"" + name + "\" refused the first message of " + size + " bytes with EAGAIN");
        }
        numberedWritten.put(name, n - 1);
        return;
      }
    }
    throw new AssertionError(participant + " wrote " + MAX_FILL + " messages of " + size + " bytes to the ring \"" + name
        + "\" without a write ever failing with EAGAIN");
  }

  @When("{participant} writes the next numbered message to the ring {string}")
  public void writesNextNumbered(String participant, String name) {
    int n = numberedWritten.getOrDefault(name, 0) + 1;
    expect.success(write(participant, name, n, numbered(n, numberedSize(name))));
    numberedWritten.put(name, n);
  }

  @When("{participant} reads the next numbered message from the ring {string}")
  public void readsNextNumbered(String participant, String name) {
    int n = numberedRead.getOrDefault(name, 0) + 1;
    expectMessage(participant, name, n, numbered(n, numberedSize(name)), expect.success(read(participant, name)));
    numberedRead.put(name, n);
  }

  @Then("{participant} reads the remaining numbered messages from the ring {string}, in order")
  public void readsRemainingNumbered(String participant, String name) {
    while (numberedRead.getOrDefault(name, 0) < numberedWritten.getOrDefault(name, 0)) {
      readsNextNumbered(participant, name);
    }
  }

  @When("{participants} each write {int} signed messages to the ring {string} at the same time")
  public void writeSigned(List<String> writers, int count, String name) {
    // Each round asks every writer for its next message before awaiting any answer: the writers
    // write at the same time, and each one's messages stay in its order (an agent may serve the
    // requests it has in flight in any order, PROTOCOL.md section 4).
    for (int n = 1; n <= count; n++) {
      List<PendingOperation> round = new ArrayList<>();
      for (String writer : writers) {
        round.add(write(writer, name, SIGNED_TYPE, Bytes.utf8(writer + " " + n)));
      }
      for (PendingOperation write : round) {
        expect.success(write);
      }
    }
  }

  @Then("{participant} reads {int} messages from the ring {string}, each whole and each writer's in the order it wrote them")
  public void readsSigned(String participant, int count, String name) {
    Map<String, Integer> lastOf = new LinkedHashMap<>();
    for (int i = 1; i <= count; i++) {
      ObjectNode result = expect.success(read(participant, name));
      String text = new String(Bytes.data(result), StandardCharsets.UTF_8);
      Matcher signed = SIGNED.matcher(text);
      if (!signed.matches() || result.path("type").asInt(-1) != SIGNED_TYPE) {
        throw new AssertionError("message " + i + " read from the ring \"" + name + "\" is " + Bytes.show(Bytes.data(result))
            + " of type " + result.path("type") + ": not a whole message as a writer wrote it (its name and a number, type "
            + SIGNED_TYPE + ")");
      }
      int number = Integer.parseInt(signed.group(2));
      int expected = lastOf.getOrDefault(signed.group(1), 0) + 1;
      if (number != expected) {
        throw new AssertionError("message " + i + " read from the ring \"" + name + "\" is " + signed.group(1) + "'s number "
            + number + "; " + signed.group(1) + " wrote number " + expected + " before it");
      }
      lastOf.put(signed.group(1), number);
    }
    expectNothing(participant, name, read(participant, name), "the ring, after " + count + " messages,");
  }

  // --- Broadcast buffers --------------------------------------------------------------------

  @Given("{participant} has created the broadcast buffer {string} of {int} bytes")
  public void createsBroadcast(String participant, String name, int capacity) {
    keep(participant, name, Operation.BROADCAST_CREATE, Json.args().put("path", world.path(name)).put("capacity", capacity));
  }

  @Given("{participant} has opened the broadcast buffer {string}")
  public void opensBroadcast(String participant, String name) {
    keep(participant, name, Operation.BROADCAST_OPEN, Json.args().put("path", world.path(name)));
  }

  @When("{participant} transmits a message of type {int} with {string} on {string}")
  public void transmits(String participant, int type, String text, String name) {
    expect.success(transmit(participant, name, type, Bytes.utf8(text)));
  }

  @When("{participant} transmits {int} numbered messages of {int} bytes on {string}")
  public void transmitsNumbered(String participant, int count, int size, String name) {
    numberedSize.put(name, size);
    for (int n = 1; n <= count; n++) {
      expect.success(transmit(participant, name, n, numbered(n, size)));
    }
    numberedWritten.put(name, count);
  }

  @Then("{participant} receives the broadcast of type {int} with {string} from {string}")
  public void receives(String participant, int type, String text, String name) {
    ObjectNode result = expect.success(receive(participant, name));
    expectMessage(participant, name, type, Bytes.utf8(text), result);
    if (result.path("lost").asBoolean(false)) {
      throw new AssertionError(participant + " was told that messages were lost on \"" + name + "\" before " + Bytes.show(Bytes.data(result))
          + ", though nothing was transmitted over them");
    }
  }

  @Then("{participant} finds nothing new on {string}")
  public void findsNothingNew(String participant, String name) {
    expectNothing(participant, name, receive(participant, name), "the broadcast buffer");
  }

  @Then("{participant}'s next receive from {string} says that messages were lost, and gives a later numbered message")
  public void receivesAfterLoss(String participant, String name) {
    ObjectNode result = expect.success(receive(participant, name));
    int n = result.path("type").asInt(-1);
    int size = numberedSize(name);
    if (n < 2 || n > numberedWritten.getOrDefault(name, 0) || !Arrays.equals(Bytes.data(result), numbered(n, size))) {
      throw new AssertionError(participant + " received type " + result.path("type") + " with " + Bytes.show(Bytes.data(result)) + " from \""
          + name + "\"; expected one of the numbered messages transmitted after the first, whole");
    }
    if (!result.path("lost").asBoolean(false)) {
      throw new AssertionError(participant + " received message " + n + " from \"" + name + "\" without being told that the "
          + (n - 1) + " before it were lost: " + numberedWritten.get(name) + " messages of " + size
          + " bytes were transmitted over a buffer that holds far fewer");
    }
  }

  // --- Helpers ------------------------------------------------------------------------------

  private void keep(String participant, String name, Operation operation, ObjectNode args) {
    ObjectNode result = expect.success(world.submit(participant, operation, args));
    if (!result.path("handle").isTextual()) {
      throw new HarnessException(participant + "'s agent answered " + operation.op() + " without a handle: " + result);
    }
    world.putHandle(participant, name, result.get("handle").asText());
    if (operation != Operation.BROADCAST_OPEN) {
      longest.put(participant + "/" + name, maxMessage(participant, operation, result));
    }
  }

  /** The longest message, which every create and ring.open states: 1 byte at least, the capacity at most. */
  private int maxMessage(String participant, Operation operation, ObjectNode result) {
    if (!result.path("maxMessage").canConvertToInt()) {
      throw new HarnessException(participant + "'s agent answered " + operation.op() + " without its maxMessage: " + result);
    }
    int length = result.get("maxMessage").asInt();
    if (length < 1) {
      throw new AssertionError(participant + "'s " + operation.op() + " says the longest message it takes is " + length
          + " bytes: it takes no message at all");
    }
    return length;
  }

  private int longest(String participant, String name) {
    Integer length = longest.get(participant + "/" + name);
    if (length == null) {
      throw new HarnessException(participant + " has not created or opened the ring \"" + name + "\" in this scenario");
    }
    return length;
  }

  private int numberedSize(String name) {
    Integer size = numberedSize.get(name);
    if (size == null) {
      throw new HarnessException("no numbered messages were written to \"" + name + "\" in this scenario");
    }
    return size;
  }

  private PendingOperation write(String participant, String name, int type, byte[] data) {
    return world.submit(participant, Operation.RING_WRITE, Json.args().put("handle", world.onlyHandle(participant, name))
        .put("type", type).put("data", Bytes.base64(data)));
  }

  private PendingOperation read(String participant, String name) {
    return world.submit(participant, Operation.RING_READ, Json.args().put("handle", world.onlyHandle(participant, name)));
  }

  private PendingOperation transmit(String participant, String name, int type, byte[] data) {
    return world.submit(participant, Operation.BROADCAST_TRANSMIT, Json.args().put("handle", world.onlyHandle(participant, name))
        .put("type", type).put("data", Bytes.base64(data)));
  }

  private PendingOperation receive(String participant, String name) {
    return world.submit(participant, Operation.BROADCAST_RECEIVE, Json.args().put("handle", world.onlyHandle(participant, name)));
  }

  /** A read or receive that must find nothing: EAGAIN, at once. */
  private void expectNothing(String participant, String name, PendingOperation operation, String what) {
    Response response = expect.complete(operation);
    if (response.succeeded()) {
      throw new AssertionError(participant + " found type " + response.result().path("type") + " with "
          + Bytes.show(Bytes.data(response.result())) + " in " + what + " \"" + name + "\"; expected nothing (EAGAIN)");
    }
    if (!response.error().code().equals("EAGAIN")) {
      throw new AssertionError(operation.describe() + " failed with " + response.error().code() + " ("
          + response.error().message() + "); expected EAGAIN: nothing there");
    }
  }

  private static void expectMessage(String participant, String name, int type, byte[] expected, ObjectNode result) {
    byte[] data = Bytes.data(result);
    if (result.path("type").asLong(-1) != type || !Arrays.equals(data, expected)) {
      throw new AssertionError(participant + " got type " + result.path("type") + " with " + Bytes.show(data) + " from \""
          + name + "\"; expected type " + type + " with " + Bytes.show(expected));
    }
  }

  /** Message n of a numbered series: its number, then dots up to the size. */
  private static byte[] numbered(int n, int size) {
    byte[] data = filled(size, '.');
    byte[] label = Bytes.utf8("message " + n + " ");
    System.arraycopy(label, 0, data, 0, Math.min(label.length, size));
    return data;
  }

  private static byte[] filled(int size, char c) {
    byte[] data = new byte[size];
    Arrays.fill(data, (byte) c);
    return data;
  }
}
