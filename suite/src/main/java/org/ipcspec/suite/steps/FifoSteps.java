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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ipcspec.spec.protocol.Capability;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.agent.PendingOperation;

/** FIFOs: creating, opening and inspecting them. Reading and writing are {@link HandleSteps}. */
public class FifoSteps {
  private final ScenarioWorld world;
  private final Expectations expect;

  public FifoSteps(ScenarioWorld world, Expectations expect) {
    this.world = world;
    this.expect = expect;
  }

  // --- Creating and inspecting --------------------------------------------------------------

  @Given("the harness has made the FIFO {string}")
  public void harnessMakes(String name) throws IOException, InterruptedException {
    // The harness, not the implementation, makes the FIFO here: these scenarios are about using one.
    Process mkfifo = new ProcessBuilder("mkfifo", "-m", "0600", world.path(name)).redirectErrorStream(true).start();
    if (!mkfifo.waitFor(world.timeouts().mustHappen().toMillis(), TimeUnit.MILLISECONDS)) {
      mkfifo.destroyForcibly();
      throw new HarnessException("the harness's mkfifo " + world.path(name) + " did not finish; it was killed");
    }
    if (mkfifo.exitValue() != 0) {
      throw new HarnessException("the harness could not make the FIFO " + world.path(name) + ": "
          + new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    world.history().note("harness", "mkfifo -m 0600 " + world.path(name));
  }

  @When("{participant} creates the FIFO {string} with {call} and mode {mode}")
  public void creates(String participant, String name, String call, int mode) {
    expect.success(create(participant, name, call, mode));
  }

  @When("{participant} tries to create the FIFO {string} with {call} and mode {mode}")
  public void triesToCreate(String participant, String name, String call, int mode) {
    world.attempted("creation", name, create(participant, name, call, mode));
  }

  private PendingOperation create(String participant, String name, String call, int mode) {
    ObjectNode args = Json.args().put("path", world.path(name)).put("mode", mode).put("call", call);
    return world.submit(participant, Operation.FIFO_CREATE, args);
  }

  @Then("{participant} sees {string} as a FIFO with mode {mode} less the umask, and size {long}")
  public void seesFifoWithMode(String participant, String name, int mode, long size) {
    ObjectNode status = stat(participant, name);
    expectFifo(participant, name, status, size);
    int umask = Umask.ofThisProcess();
    int expected = mode & ~umask;
    int actual = status.path("mode").asInt(-1);
    if (actual != expected) {
      throw new AssertionError(participant + " sees \"" + name + "\" with permission bits " + octal(actual)
          + "; expected " + octal(expected) + " (" + octal(mode) + " less the umask " + octal(umask) + ")");
    }
  }

  @Then("{participant} sees {string} as a FIFO of size {long}")
  public void seesFifo(String participant, String name, long size) {
    expectFifo(participant, name, stat(participant, name), size);
  }

  @Then("{participant} finds no {string}")
  public void findsNo(String participant, String name) {
    expect.failure(world.submit(participant, Operation.STAT, Json.args().put("path", world.path(name))), "ENOENT");
  }

  @When("{participant} removes {string}")
  public void removes(String participant, String name) {
    expect.success(world.submit(participant, Operation.UNLINK, Json.args().put("path", world.path(name))));
  }

  private ObjectNode stat(String participant, String name) {
    return expect.success(world.submit(participant, Operation.STAT, Json.args().put("path", world.path(name))));
  }

  private static void expectFifo(String participant, String name, ObjectNode status, long size) {
    if (!"fifo".equals(status.path("type").asText())) {
      throw new AssertionError(participant + " sees \"" + name + "\" as a " + status.path("type").asText()
          + ", not a fifo: " + status);
    }
    if (status.path("size").asLong(-1) != size) {
      throw new AssertionError(participant + " sees \"" + name + "\" with size " + status.path("size")
          + "; expected " + size);
    }
  }

  // --- Opening ------------------------------------------------------------------------------

  @Given("{participant} has opened {string} for reading and {participant} has opened it for writing")
  public void openBothEnds(String reader, String name, String writer) {
    openBothEnds(reader, name, List.of(writer));
  }

  @Given("{participant} has opened {string} for reading and {participants} have opened it for writing")
  public void openBothEnds(String reader, String name, List<String> writers) {
    // Each open blocks until the other end is open too, so they are started together.
    PendingOperation read = open(reader, name, "read", false);
    List<PendingOperation> writes = writers.stream().map(w -> open(w, name, "write", false)).toList();
    keepHandle(reader, name, read);
    for (int i = 0; i < writers.size(); i++) {
      keepHandle(writers.get(i), name, writes.get(i));
    }
  }

  @When("{participant} opens {string} for {access}")
  public void opens(String participant, String name, String access) {
    keepHandle(participant, name, open(participant, name, access, false));
  }

  @Given("{participant} has opened {string} for {access} without blocking")
  public void hasOpenedWithoutBlocking(String participant, String name, String access) {
    keepHandle(participant, name, open(participant, name, access, true));
  }

  @When("{participant} opens {string} for {access} without blocking")
  public void opensWithoutBlocking(String participant, String name, String access) {
    world.attempted("open", name, open(participant, name, access, true));
  }

  @Then("that open succeeds")
  public void thatOpenSucceeds() {
    ScenarioWorld.Attempt attempt = world.lastAttempt("open");
    keepHandle(attempt.operation().participant(), attempt.name(), attempt.operation());
  }

  @When("{participant} starts opening {string} for {access}")
  public void startsOpening(String participant, String name, String access) {
    world.putInFlight("open", participant, name, open(participant, name, access, false));
  }

  @Then("{participant}'s open of {string} is still blocked")
  public void openStillBlocked(String participant, String name) {
    expect.stillBlocked(world.inFlight("open", participant, name));
  }

  @Then("{participant}'s open of {string} completes")
  public void openCompletes(String participant, String name) {
    keepHandle(participant, name, world.inFlight("open", participant, name));
  }

  private PendingOperation open(String participant, String name, String access, boolean nonblocking) {
    if (nonblocking) {
      world.requireDeclared(Capability.FIFO_NONBLOCKING);
    }
    ObjectNode args = Json.args().put("path", world.path(name)).put("access", access).put("nonblocking", nonblocking);
    return world.submit(participant, Operation.FIFO_OPEN, args);
  }

  private void keepHandle(String participant, String name, PendingOperation open) {
    world.putHandle(participant, name, expect.newHandle(open));
  }

  @Then("that open fails with {errno}")
  public void thatOpenFails(String errno) {
    expect.failure(world.lastAttempt("open").operation(), errno);
  }

  @Then("that creation fails with {errno}")
  public void thatCreationFails(String errno) {
    expect.failure(world.lastAttempt("creation").operation(), errno);
  }


  private static String octal(int mode) {
    return String.format("0%03o", mode);
  }
}
