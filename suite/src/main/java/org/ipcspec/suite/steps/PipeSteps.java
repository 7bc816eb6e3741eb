package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.spec.protocol.Response;
import org.ipcspec.suite.agent.HarnessException;

/** Anonymous pipes: creating them, their two ends, non-blocking mode, and where they live. */
public class PipeSteps {
  /** More blocks than any pipe holds: filling stops at the first EAGAIN, long before. */
  private static final int MAX_BLOCKS = 4096;

  private final ScenarioWorld world;
  private final Expectations expect;
  private long filledBytes = -1;
  private int fillBlock;
  /** What the scenario's folders held before the first pipe was made. */
  private java.util.Set<Path> before;

  public PipeSteps(ScenarioWorld world, Expectations expect) {
    this.world = world;
    this.expect = expect;
  }

  @Given("{participant} has created the pipe {string}")
  public void createsPipe(String participant, String name) throws IOException {
    if (before == null) {
      before = listFolders();
    }
    ObjectNode ends = expect.success(world.submit(participant, Operation.PIPE_CREATE));
    if (!ends.path("read").isTextual() || !ends.path("write").isTextual()) {
      throw new HarnessException(participant + "'s agent answered pipe.create without two handles: " + ends);
    }
    world.putHandle(participant, name, ScenarioWorld.End.READ, ends.get("read").asText());
    world.putHandle(participant, name, ScenarioWorld.End.WRITE, ends.get("write").asText());
  }

  @Given("{participant} has made the {end} end of {string} non-blocking")
  public void makesNonBlocking(String participant, ScenarioWorld.End end, String name) {
    ObjectNode args = Json.args().put("handle", world.handle(participant, name, end)).put("on", true);
    expect.success(world.submit(participant, Operation.HANDLE_NONBLOCKING, args));
  }

  @Given("{participant} has made the {end} end of {string} blocking again")
  public void makesBlocking(String participant, ScenarioWorld.End end, String name) {
    ObjectNode args = Json.args().put("handle", world.handle(participant, name, end)).put("on", false);
    expect.success(world.submit(participant, Operation.HANDLE_NONBLOCKING, args));
  }

  @When("{participant} tries to read from the write end of {string}")
  public void triesToReadWriteEnd(String participant, String name) {
    ObjectNode args = Json.args().put("handle", world.handle(participant, name, ScenarioWorld.End.WRITE)).put("max", 16);
    world.attempted("read", name, world.submit(participant, Operation.READ, args));
  }

  @When("{participant} tries to write {string} to the read end of {string}")
  public void triesToWriteReadEnd(String participant, String text, String name) {
    ObjectNode args = Json.args().put("handle", world.handle(participant, name, ScenarioWorld.End.READ))
        .put("data", Bytes.base64(text.getBytes(StandardCharsets.UTF_8)));
    world.attempted("write", name, world.submit(participant, Operation.WRITE, args));
  }

  @Then("{participant}'s next read from {string} returns {string} at once")
  public void nextReadReturns(String participant, String name, String text) {
    ObjectNode args = Json.args().put("handle", world.handle(participant, name, ScenarioWorld.End.READ)).put("max", 65536);
    ObjectNode result = expect.success(world.submit(participant, Operation.READ, args));
    String got = new String(Bytes.data(result), StandardCharsets.UTF_8);
    if (!got.equals(text)) {
      throw new AssertionError(participant + "'s read returned \"" + got + "\"" + (result.path("eof").asBoolean() ? " (end-of-file)" : "")
          + "; expected \"" + text + "\" in one read");
    }
  }

  @Given("{participant} has filled {string} with blocks of {int} bytes until a write fails with EAGAIN")
  public void fills(String participant, String name, int block) {
    String handle = world.handle(participant, name, ScenarioWorld.End.WRITE);
    fillBlock = block;
    filledBytes = 0;
    for (int i = 0; i < MAX_BLOCKS; i++) {
      ObjectNode args = Json.args().put("handle", handle).put("data", Bytes.base64(block(i, block)));
      Response response = expect.complete(world.submit(participant, Operation.WRITE, args));
      if (!response.succeeded()) {
        if (!response.error().code().equals("EAGAIN")) {
          throw new AssertionError("filling \"" + name + "\": a non-blocking write failed with " + response.error().code()
              + " after " + filledBytes + " bytes; expected EAGAIN once it is full");
        }
        return;
      }
      filledBytes += response.result().path("written").asLong();
    }
    throw new AssertionError(participant + " wrote " + filledBytes + " bytes into \"" + name
        + "\" without a non-blocking write ever failing with EAGAIN");
  }

  @When("{participant} tries to write {int} bytes to {string}")
  public void triesToWriteBytes(String participant, int count, String name) {
    ObjectNode args = Json.args().put("handle", world.handle(participant, name, ScenarioWorld.End.WRITE))
        .put("data", Bytes.base64("#".repeat(count).getBytes(StandardCharsets.US_ASCII)));
    world.attempted("write", name, world.submit(participant, Operation.WRITE, args));
  }

  @Then("{participant} reads back exactly the bytes that filled {string}")
  public void readsBackFill(String participant, String name) {
    if (filledBytes < 0) {
      throw new HarnessException("no step filled \"" + name + "\"");
    }
    String read = world.handle(participant, name, ScenarioWorld.End.READ);
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    for (int i = 0; expected.size() < filledBytes; i++) {
      expected.writeBytes(block(i, fillBlock));
    }
    byte[] want = java.util.Arrays.copyOf(expected.toByteArray(), (int) filledBytes);
    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
    while (got.size() < filledBytes) {
      ObjectNode result = expect.success(world.submit(participant, Operation.READ,
          Json.args().put("handle", read).put("max", (int) Math.min(65536, filledBytes - got.size()))));
      got.writeBytes(Bytes.data(result));
    }
    if (!java.util.Arrays.equals(got.toByteArray(), want)) {
      throw new AssertionError(participant + " read back other bytes than those that filled \"" + name + "\"");
    }
    // Nothing of the refused write may follow: a marker written now must be the very next thing read.
    String marker = "marker";
    ObjectNode writeArgs = Json.args().put("handle", world.handle(participant, name, ScenarioWorld.End.WRITE))
        .put("data", Bytes.base64(marker.getBytes(StandardCharsets.US_ASCII)));
    expect.success(world.submit(participant, Operation.WRITE, writeArgs));
    ObjectNode next = expect.success(world.submit(participant, Operation.READ, Json.args().put("handle", read).put("max", 65536)));
    String after = new String(Bytes.data(next), StandardCharsets.ISO_8859_1);
    if (!after.equals(marker)) {
      throw new AssertionError("after the bytes that filled \"" + name + "\", " + participant + " read \""
          + (after.length() > 40 ? after.substring(0, 40) + "..." : after) + "\": part of the refused write went in");
    }
  }

  @Then("{participant} sees the {end} end of {string} as a FIFO")
  public void seesEndAsFifo(String participant, ScenarioWorld.End end, String name) {
    ObjectNode status = expect.success(world.submit(participant, Operation.HANDLE_STAT,
        Json.args().put("handle", world.handle(participant, name, end))));
    if (!"fifo".equals(status.path("type").asText())) {
      throw new AssertionError("fstat of the " + end.word() + " end of \"" + name + "\" says " + status.path("type")
          + "; a pipe is a FIFO");
    }
  }

  @Then("no file has appeared in any folder of the scenario")
  public void noFileAppeared() throws IOException {
    if (before == null) {
      throw new HarnessException("no pipe was created before this step");
    }
    java.util.Set<Path> now = listFolders();
    now.removeAll(before);
    if (!now.isEmpty()) {
      throw new AssertionError("files appeared since the pipe was made: " + now);
    }
  }

  /** Everything in the shared folder and the participants' own, at any depth. */
  private java.util.Set<Path> listFolders() throws IOException {
    try (Stream<Path> entries = Files.walk(world.directory())) {
      return entries.filter(p -> !p.getFileName().toString().matches(".*\\.(sock|stderr|stdout)")
          || !p.getParent().equals(world.directory())).collect(java.util.stream.Collectors.toSet());
    }
  }

  private static byte[] block(int index, int size) {
    byte[] data = new byte[size];
    java.util.Arrays.fill(data, (byte) ('A' + index % 26));
    return data;
  }

}
