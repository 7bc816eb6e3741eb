package org.ipcspec.suite.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.PendingOperation;

/**
 * Shared memory objects, files and their mappings. A name ("board") is the object or file; a
 * participant's mapping of it is reached by the same name in the load and store steps.
 */
public class SharedMemorySteps {
  private final ScenarioWorld world;
  private final Expectations expect;
  /** Each participant's mapping of a name, by "participant/name". */
  private final Map<String, String> mappings = new LinkedHashMap<>();
  /** The size each object or file was last given, which is what a mapping of it covers. */
  private final Map<String, Integer> sizes = new LinkedHashMap<>();

  public SharedMemorySteps(ScenarioWorld world, Expectations expect) {
    this.world = world;
    this.expect = expect;
  }

  // --- Objects and files --------------------------------------------------------------------

  @Given("{participant} creates the shared memory object {string} of {int} bytes")
  public void createsSized(String participant, String name, int size) {
    createsObject(participant, name);
    sizes(participant, name, size);
  }

  @When("{participant} creates the shared memory object {string}")
  public void createsObject(String participant, String name) {
    keep(participant, name, openObject(participant, name, "readwrite", true));
    sizes.putIfAbsent(name, 0);
  }

  @When("{participant} opens the shared memory object {string}")
  public void opensObject(String participant, String name) {
    keep(participant, name, openObject(participant, name, "readwrite", false));
  }

  @Given("{participant} opens the shared memory object {string} read-only")
  public void opensObjectReadOnly(String participant, String name) {
    keep(participant, name, openObject(participant, name, "read", false));
  }

  @When("{participant} tries to open the shared memory object {string}")
  public void triesToOpenObject(String participant, String name) {
    world.attempted("open", name, openObject(participant, name, "readwrite", false));
  }

  @When("{participant} tries to create the shared memory object {string} exclusively")
  public void triesToCreateExclusively(String participant, String name) {
    world.attempted("creation", name, openObject(participant, name, "readwrite", true));
  }

  @When("{participant} removes the shared memory object {string}")
  public void removesObject(String participant, String name) {
    expect.success(world.submit(participant, Operation.SHM_UNLINK, Json.args().put("name", world.objects().sharedMemory(name))));
  }

  @When("{participant} sizes {string} to {int} bytes")
  public void sizes(String participant, String name, int size) {
    expect.success(world.submit(participant, Operation.HANDLE_TRUNCATE,
        Json.args().put("handle", world.onlyHandle(participant, name)).put("size", size)));
    sizes.put(name, size);
  }

  @Then("{participant} sees that {string} has {int} bytes")
  public void seesSize(String participant, String name, int size) {
    ObjectNode status = expect.success(world.submit(participant, Operation.HANDLE_STAT,
        Json.args().put("handle", world.onlyHandle(participant, name))));
    if (status.path("size").asLong(-1) != size) {
      throw new AssertionError(participant + " sees \"" + name + "\" with " + status.path("size") + " bytes; expected " + size);
    }
  }

  @Given("{participant} creates the file {string} of {int} bytes")
  public void createsFile(String participant, String name, int size) {
    keep(participant, name, openFile(participant, name, true));
    sizes(participant, name, size);
  }

  @Given("{participant} opens the file {string}")
  public void opensFile(String participant, String name) {
    keep(participant, name, openFile(participant, name, false));
  }

  @Then("{string} appears in \\/dev\\/shm with {int} bytes")
  public void appearsInDevShm(String name, int size) throws IOException {
    Path file = world.sharedMemoryFolder().resolve(world.objects().sharedMemory(name).substring(1));
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("no file " + file + " for the shared memory object \"" + name + "\"");
    }
    if (Files.size(file) != size) {
      throw new AssertionError(file + " has " + Files.size(file) + " bytes; the object has " + size);
    }
  }

  // --- Mappings -----------------------------------------------------------------------------

  @Given("{participant} maps {string}")
  public void maps(String participant, String name) {
    map(participant, name, size(name), true, "readwrite");
  }

  @Given("{participant} maps {string} privately")
  public void mapsPrivately(String participant, String name) {
    map(participant, name, size(name), false, "readwrite");
  }

  @When("{participant} maps {int} bytes of {string}")
  public void mapsBytes(String participant, int size, String name) {
    map(participant, name, size, true, "readwrite");
  }

  @Given("{participant} has {int} bytes of private memory {string}")
  public void hasPrivateMemory(String participant, int size, String name) {
    ObjectNode args = Json.args().put("size", size).put("access", "readwrite").put("shared", false);
    keepMapping(participant, name, world.submit(participant, Operation.MEMORY_MAP, args));
  }

  @When("{participant} tries to map {int} bytes of {string}")
  public void triesToMapBytes(String participant, int size, String name) {
    world.attempted("mapping", name, mapRequest(participant, name, size, true, "readwrite"));
  }

  @When("{participant} tries to map {string} for reading and writing")
  public void triesToMapReadWrite(String participant, String name) {
    world.attempted("mapping", name, mapRequest(participant, name, size(name), true, "readwrite"));
  }

  @Then("that mapping fails with {errno}")
  public void thatMappingFails(String errno) {
    expect.failure(world.lastAttempt("mapping").operation(), errno);
  }

  @When("{participant} stores {string} at offset {int} of {string}")
  public void stores(String participant, String text, int offset, String name) {
    expect.success(world.submit(participant, Operation.MEMORY_WRITE, Json.args().put("handle", mapping(participant, name))
        .put("offset", offset).put("data", Bytes.base64(text.getBytes(StandardCharsets.UTF_8)))));
  }

  @Then("{participant} loads {string} from offset {int} of {string}")
  public void loads(String participant, String text, int offset, String name) {
    expectLoad(participant, name, offset, text.getBytes(StandardCharsets.UTF_8));
  }

  @Then("{participant} loads {int} zero bytes from offset {int} of {string}")
  public void loadsZeros(String participant, int count, int offset, String name) {
    expectLoad(participant, name, offset, new byte[count]);
  }

  @When("{participant} tries to load from offset {int} of {string}")
  public void triesToLoad(String participant, int offset, String name) {
    world.attempted("load", name, load(participant, name, offset, 1));
  }

  @Then("that load faults with {signal}")
  public void thatLoadFaults(String signal) {
    expect.failure(world.lastAttempt("load").operation(), signal);
  }

  // --- Helpers ------------------------------------------------------------------------------

  private PendingOperation openObject(String participant, String name, String access, boolean create) {
    ObjectNode args = Json.args().put("name", world.objects().sharedMemory(name)).put("access", access)
        .put("create", create).put("exclusive", create).put("mode", 0600);
    return world.submit(participant, Operation.SHM_OPEN, args);
  }

  private PendingOperation openFile(String participant, String name, boolean create) {
    ObjectNode args = Json.args().put("path", world.path(name)).put("access", "readwrite")
        .put("create", create).put("exclusive", create).put("mode", 0600);
    return world.submit(participant, Operation.FILE_OPEN, args);
  }

  private void keep(String participant, String name, PendingOperation open) {
    world.putHandle(participant, name, expect.newHandle(open));
  }

  private void map(String participant, String name, int size, boolean shared, String access) {
    keepMapping(participant, name, mapRequest(participant, name, size, shared, access));
  }

  private PendingOperation mapRequest(String participant, String name, int size, boolean shared, String access) {
    ObjectNode args = Json.args().put("handle", world.onlyHandle(participant, name)).put("size", size)
        .put("offset", 0).put("access", access).put("shared", shared);
    return world.submit(participant, Operation.MEMORY_MAP, args);
  }

  private void keepMapping(String participant, String name, PendingOperation map) {
    mappings.put(participant + "/" + name, expect.newHandle(map));
  }

  private String mapping(String participant, String name) {
    String handle = mappings.get(participant + "/" + name);
    if (handle == null) {
      throw new HarnessException(participant + " has not mapped \"" + name + "\" in this scenario");
    }
    return handle;
  }

  private int size(String name) {
    Integer size = sizes.get(name);
    if (size == null) {
      throw new HarnessException("the scenario maps \"" + name + "\" before anyone gave it a size");
    }
    return size;
  }

  private PendingOperation load(String participant, String name, int offset, int length) {
    return world.submit(participant, Operation.MEMORY_READ,
        Json.args().put("handle", mapping(participant, name)).put("offset", offset).put("length", length));
  }

  private void expectLoad(String participant, String name, int offset, byte[] expected) {
    ObjectNode result = expect.success(load(participant, name, offset, expected.length));
    byte[] actual = Bytes.data(result);
    if (!Arrays.equals(actual, expected)) {
      throw new AssertionError(participant + " loads " + show(actual) + " from offset " + offset + " of \"" + name
          + "\"; expected " + show(expected));
    }
  }

  private static String show(byte[] data) {
    boolean zeros = data.length > 0;
    for (byte b : data) {
      zeros &= b == 0;
    }
    return zeros ? data.length + " zero bytes" : "\"" + new String(data, StandardCharsets.ISO_8859_1).replace("\0", "\\0") + "\"";
  }
}
