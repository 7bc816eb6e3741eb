package org.ipcspec.suite.agent;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testcontainers.containers.GenericContainer;

/** An agent running in a container: watched through the container's init, a process of this machine. */
final class ContainerProcess implements AgentProcess {
  private final ContainerLauncher launcher;
  private final GenericContainer<?> container;
  private final ProcessHandle init;
  /** Its address on the scenario's internal network, or null when it has none. */
  private final String address;
  private volatile Integer exitStatus;

  ContainerProcess(ContainerLauncher launcher, GenericContainer<?> container, ProcessHandle init, String address) {
    this.launcher = launcher;
    this.address = address;
    this.container = container;
    this.init = init;
  }

  @Override
  public long pid() {
    return init == null ? -1 : init.pid();
  }

  @Override
  public boolean isAlive() {
    return init != null && init.isAlive();
  }

  @Override
  public boolean awaitEnd(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < deadline) {
      if (exitStatus().isPresent()) {
        return true;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return exitStatus().isPresent();
  }

  @Override
  public Optional<Integer> exitStatus() {
    if (exitStatus != null) {
      return Optional.of(exitStatus);
    }
    if (isAlive()) {
      return Optional.empty();
    }
    try {
      InspectContainerResponse.ContainerState state = container.getDockerClient()
          .inspectContainerCmd(container.getContainerId()).exec().getState();
      if (Boolean.TRUE.equals(state.getRunning()) || state.getExitCodeLong() == null) {
        return Optional.empty();
      }
      exitStatus = state.getExitCodeLong().intValue();
      return Optional.of(exitStatus);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public long hostPid(long reportedPid) {
    // The agent reports pids as its PID namespace numbers them; NSpid in /proc maps them back.
    if (init == null) {
      return reportedPid;
    }
    return Stream.concat(Stream.of(init), init.descendants())
        .filter(p -> namespacePid(p.pid()) == reportedPid)
        .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
  }

  private static long namespacePid(long hostPid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(hostPid), "status"))) {
        if (line.startsWith("NSpid:")) {
          String[] pids = line.substring(6).trim().split("\\s+");
          return Long.parseLong(pids[pids.length - 1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Gone meanwhile.
    }
    return -1;
  }

  @Override
  public String hostAddress() {
    return address != null ? address : AgentProcess.super.hostAddress();
  }

  @Override
  public void kill() {
    exitStatus();
    launcher.stop(container);
  }
}
