package org.ipcspec.suite.agent;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** An agent that is a plain process of this machine, started by the suite or by another agent. */
final class HostProcess implements AgentProcess {
  private final ProcessHandle handle;
  /** Only for agents the suite started itself: a child of another agent is not ours to wait for. */
  private final Process process;

  private HostProcess(ProcessHandle handle, Process process) {
    this.handle = handle;
    this.process = process;
    LiveAgents.add(handle);
  }

  static HostProcess started(Process process) {
    return new HostProcess(process.toHandle(), process);
  }

  static HostProcess adopted(ProcessHandle handle) {
    return new HostProcess(handle, null);
  }

  @Override
  public long pid() {
    return handle.pid();
  }

  @Override
  public boolean isAlive() {
    return handle.isAlive();
  }

  @Override
  public boolean awaitEnd(long millis) {
    try {
      if (process != null) {
        // Process.waitFor, not the handle: only then is the exit status recorded when it returns.
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
      }
      handle.onExit().get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return !handle.isAlive();
    }
  }

  @Override
  public Optional<Integer> exitStatus() {
    return process == null || process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  @Override
  public void kill() {
    LiveAgents.kill(handle);
  }
}
