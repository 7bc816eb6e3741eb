package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.PendingOperation;

/**
 * Reading, writing and closing handles, whatever made them: a FIFO's open, a pipe, a child's
 * standard streams. A name such as "chan" stands for the participant's end of that channel.
 */
public class HandleSteps {
  /** The most one read asks for: a pipe's default capacity on Linux. */
  private static final int READ_CHUNK = 65536;

  private final ScenarioWorld world;
  private final Expectations expect;
  // What the concurrent-writers step leaves for the step that reads the records back.
  private int recordSize;
  private List<String> concurrentWriters = List.of();

  public HandleSteps(ScenarioWorld world, Expectations expect) {
    this.world = world;
    this.expect = expect;
  }

  @When("{participant} closes {string}")
  public void closes(String participant, String name) {
    close(participant, world.onlyHandle(participant, name));
  }

  @When("{participant} closes the {end} end of {string}")
  public void closesEnd(String participant, ScenarioWorld.End end, String name) {
    close(participant, world.handle(participant, name, end));
  }

  private void close(String participant, String handle) {
    expect.success(world.submit(participant, Operation.CLOSE, Json.args().put("handle", handle)));
    world.forgetHandle(participant, handle);
  }

  // --- Writing ------------------------------------------------------------------------------

  @When("{participant} writes {string} to {string}")
  public void writes(String participant, String text, String name) {
    writeFully(participant, name, text.getBytes(StandardCharsets.UTF_8), 1);
  }

  @When("{participant} tries to write {string} to {string}")
  public void triesToWrite(String participant, String text, String name) {
    world.attempted("write", name, write(participant, name, text.getBytes(StandardCharsets.UTF_8), 1));
  }

  @When("{participant} writes {int} bytes to {string}")
  public void writesBytes(String participant, int count, String name) {
    writeFully(participant, name, pattern(count), 1);
  }

  @When("{participant} starts writing {int} bytes to {string}")
  public void startsWriting(String participant, int count, String name) {
    world.putInFlight("write", participant, name, write(participant, name, pattern(count), 1));
  }

  @Then("{participant}'s write to {string} is still blocked")
  public void writeStillBlocked(String participant, String name) {
    expect.stillBlocked(world.inFlight("write", participant, name));
  }

  @Then("{participant}'s write to {string} completes")
  public void writeCompletes(String participant, String name) {
    PendingOperation write = world.inFlight("write", participant, name);
    expectWritten(write, expect.success(write), dataLength(write));
  }

  @When("{participant} writes the numbered lines {int} to {int} to {string}, one write each")
  public void writesNumberedLines(String participant, int from, int to, String name) {
    for (int i = from; i <= to; i++) {
      writeFully(participant, name, numberedLine(i), 1);
    }
  }

  @When("{participants} each write {int} records of {int} bytes to {string} at the same time")
  public void writeRecordsConcurrently(List<String> writers, int records, int size, String name) {
    recordSize = size;
    concurrentWriters = writers;
    // The reader is not reading yet: the writers block on the full FIFO and are all in flight at once.
    for (String writer : writers) {
      byte[] record = new byte[size];
      Arrays.fill(record, (byte) writer.charAt(0));
      world.putInFlight("write", writer, name, write(writer, name, record, records));
    }
  }

  @Then("that write fails with {errno}")
  public void thatWriteFails(String errno) {
    expect.failure(world.lastAttempt("write").operation(), errno);
  }

  private PendingOperation write(String participant, String name, byte[] data, int count) {
    ObjectNode args = Json.args()
        .put("handle", world.handle(participant, name, ScenarioWorld.End.WRITE))
        .put("data", Bytes.base64(data))
        .put("count", count);
    return world.submit(participant, Operation.WRITE, args);
  }

  private void writeFully(String participant, String name, byte[] data, int count) {
    PendingOperation write = write(participant, name, data, count);
    expectWritten(write, expect.success(write), (long) data.length * count);
  }

  private static void expectWritten(PendingOperation write, ObjectNode result, long expected) {
    long written = result.path("written").asLong(-1);
    if (written != expected) {
      throw new AssertionError(write.participant() + " wrote " + written + " bytes of " + expected
          + " in a blocking write; a blocking write to a FIFO writes everything");
    }
  }

  private static long dataLength(PendingOperation write) {
    return Bytes.data(write.request().args()).length
        * write.request().args().path("count").asLong(1);
  }

  // --- Reading ------------------------------------------------------------------------------

  @Then("{participant} reads {string} from {string}")
  public void reads(String participant, String text, String name) {
    expectBytes(participant, name, text.getBytes(StandardCharsets.UTF_8));
  }

  @Then("{participant} reads {int} bytes from {string}")
  public void readsBytes(String participant, int count, String name) {
    expectBytes(participant, name, pattern(count));
  }

  @Then("{participant} reads the numbered lines {int} to {int} from {string}, in order")
  public void readsNumberedLines(String participant, int from, int to, String name) {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (int i = from; i <= to; i++) {
      expected.writeBytes(numberedLine(i));
    }
    expectBytes(participant, name, expected.toByteArray());
  }

  @Then("{participant}'s read of at most {int} bytes from {string} returns {string}")
  public void boundedReadReturns(String participant, int max, String name, String text) {
    ObjectNode result = expect.success(read(participant, name, max));
    byte[] got = Bytes.data(result);
    if (!Arrays.equals(got, text.getBytes(StandardCharsets.UTF_8))) {
      throw new AssertionError(participant + "'s read of at most " + max + " bytes from \"" + name + "\" returned "
          + show(got, 0) + (result.path("eof").asBoolean() ? " (end-of-file)" : "") + "; expected \"" + text + "\"");
    }
  }

  @Then("{participant} reads end-of-file from {string}")
  public void readsEndOfFile(String participant, String name) {
    ObjectNode result = expect.success(read(participant, name, READ_CHUNK));
    expectEndOfFile(participant, name, result);
  }

  @When("{participant} starts reading from {string}")
  public void startsReading(String participant, String name) {
    world.putInFlight("read", participant, name, read(participant, name, READ_CHUNK));
  }

  @Then("{participant}'s read of {string} is still blocked")
  public void readStillBlocked(String participant, String name) {
    expect.stillBlocked(world.inFlight("read", participant, name));
  }

  @Then("{participant}'s read of {string} completes with end-of-file")
  public void readCompletesWithEndOfFile(String participant, String name) {
    expectEndOfFile(participant, name, expect.success(world.inFlight("read", participant, name)));
  }

  @When("{participant} tries to read from {string}")
  public void triesToRead(String participant, String name) {
    world.attempted("read", name, read(participant, name, READ_CHUNK));
  }

  @Then("that read fails with {errno}")
  public void thatReadFails(String errno) {
    expect.failure(world.lastAttempt("read").operation(), errno);
  }

  @Then("{participant} reads all {int} records from {string}, none of them interleaved")
  public void readsRecords(String participant, int records, String name) {
    byte[] data = readExactly(participant, name, (long) records * recordSize);
    List<String> mixed = new ArrayList<>();
    Map<Character, Integer> perWriter = new LinkedHashMap<>();
    for (int r = 0; r < records; r++) {
      byte first = data[r * recordSize];
      for (int i = 1; i < recordSize; i++) {
        if (data[r * recordSize + i] != first) {
          mixed.add("record " + (r + 1) + " starts with '" + (char) first + "' and has '"
              + (char) data[r * recordSize + i] + "' at byte " + i);
          break;
        }
      }
      perWriter.merge((char) first, 1, Integer::sum);
    }
    if (!mixed.isEmpty()) {
      throw new AssertionError(mixed.size() + " of " + records + " records are interleaved, e.g. "
          + mixed.subList(0, Math.min(3, mixed.size())));
    }
    for (var entry : perWriter.entrySet()) {
      if (entry.getValue() != records / perWriter.size()) {
        throw new AssertionError("records per writer differ: " + perWriter);
      }
    }
    // Every writer must also have completed its writes.
    for (String writer : concurrentWriters) {
      PendingOperation write = world.inFlight("write", writer, name);
      expectWritten(write, expect.success(write), dataLength(write));
    }
  }

  private PendingOperation read(String participant, String name, int max) {
    return world.submit(participant, Operation.READ,
        Json.args().put("handle", world.handle(participant, name, ScenarioWorld.End.READ)).put("max", max));
  }

  private void expectBytes(String participant, String name, byte[] expected) {
    byte[] actual = readExactly(participant, name, expected.length);
    if (!Arrays.equals(actual, expected)) {
      int at = Arrays.mismatch(actual, expected);
      throw new AssertionError(participant + " read bytes that differ from those written, first at byte " + at
          + ": read " + show(actual, at) + ", expected " + show(expected, at));
    }
  }

  /** Reads until {@code count} bytes have come; end-of-file before that is a failure. */
  private byte[] readExactly(String participant, String name, long count) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    while (got.size() < count) {
      int max = (int) Math.min(READ_CHUNK, count - got.size());
      ObjectNode result = expect.success(read(participant, name, max));
      byte[] chunk = Bytes.data(result);
      if (result.path("eof").asBoolean()) {
        throw new AssertionError(participant + " read end-of-file from \"" + name + "\" after " + got.size()
            + " of " + count + " bytes");
      }
      if (chunk.length == 0 || chunk.length > max) {
        throw new AssertionError(participant + "'s read of at most " + max + " bytes returned " + chunk.length
            + " bytes without end-of-file");
      }
      got.writeBytes(chunk);
    }
    return got.toByteArray();
  }

  private static void expectEndOfFile(String participant, String name, ObjectNode result) {
    byte[] data = Bytes.data(result);
    if (!result.path("eof").asBoolean() || data.length > 0) {
      throw new AssertionError(participant + " expected end-of-file from \"" + name + "\" but read "
          + data.length + " bytes: " + show(data, 0));
    }
  }

  // --- Helpers ------------------------------------------------------------------------------


  /** Printable bytes, so that a history shows something readable. */
  private static byte[] pattern(int count) {
    byte[] data = new byte[count];
    for (int i = 0; i < count; i++) {
      data[i] = (byte) ('a' + i % 26);
    }
    return data;
  }

  private static byte[] numberedLine(int i) {
    return ("line " + i + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static String show(byte[] data, int at) {
    int from = Math.max(0, at - 8);
    int to = Math.min(data.length, at + 24);
    if (from >= to) {
      return "(nothing)";
    }
    return "\"" + new String(data, from, to - from, StandardCharsets.ISO_8859_1).replace("\n", "\\n") + "\"";
  }
}
