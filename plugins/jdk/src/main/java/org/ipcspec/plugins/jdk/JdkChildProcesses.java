package org.ipcspec.plugins.jdk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ipcspec.plugins.nio.Errno;
import org.ipcspec.spec.jvm.ChildProcesses;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.host.AgentEnvironment;

/**
 * process.spawn and process.wait through {@link ProcessBuilder} and {@link Process}.
 *
 * <p>The child runs this agent's own command line, as {@link ProcessHandle.Info} tells it (the
 * java launcher's path and its arguments), with the protocol's environment for the new
 * participant and its scratch directory as working directory. Its standard input and output are
 * {@link ProcessBuilder.Redirect#PIPE} when the suite asks for a pipe and {@link
 * ProcessBuilder.Redirect#INHERIT} otherwise; its standard error is always inherited.
 *
 * <p>What the JDK cannot do, this class does not pretend to:
 *
 * <ul>
 *   <li>{@link Process#waitFor()} gives one number: the exit status, or 128+N when signal N
 *       ended the child, exactly what a shell's {@code $?} shows. It cannot be told apart from
 *       exit(128+N), so the result is always {@code exitStatus}, never {@code signal}.
 *   <li>the JDK passes no other descriptor to a child (it closes them all in the child), so
 *       process.inherit is not implemented.
 *   <li>only children spawned here can be waited for ({@code ECHILD} otherwise). The JDK reaps
 *       a child as soon as it ends, in a thread of its own, and remembers its status: waiting
 *       again gives the same answer.
 * </ul>
 */
public final class JdkChildProcesses implements ChildProcesses {
  private final List<String> command;
  private final Map<Long, Process> children = new ConcurrentHashMap<>();

  /** Spawns children that run this agent's command line. */
  public JdkChildProcesses() {
    this(null);
  }

  /** Spawns children that run the given command; for tests. */
  JdkChildProcesses(List<String> command) {
    this.command = command;
  }

  @Override
  public Child spawn(Spawn spawn) throws IpcException {
    ProcessBuilder builder = new ProcessBuilder(command != null ? command : agentCommand());
    builder.directory(spawn.scratch().toFile());
    Map<String, String> environment = builder.environment();
    environment.put(AgentEnvironment.CONTROL, spawn.control().toString());
    environment.put(AgentEnvironment.PARTICIPANT, spawn.participant());
    environment.put(AgentEnvironment.SCRATCH, spawn.scratch().toString());
    builder.redirectInput(spawn.pipeStdin() ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT);
    builder.redirectOutput(spawn.pipeStdout() ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw Errno.of(e);
    }
    children.put(process.pid(), process);
    return new Child(
        process.pid(),
        spawn.pipeStdin() ? ProcessPipe.toStdin(process) : null,
        spawn.pipeStdout() ? ProcessPipe.fromStdout(process) : null);
  }

  @Override
  public End waitFor(long pid) throws IpcException {
    Process process = children.get(pid);
    if (process == null) {
      throw new IpcException("ECHILD", "process " + pid + " is not a child this agent spawned; the JDK waits only for the Processes it started");
    }
    try {
      // 128+N for a death by signal N, indistinguishable from exit(128+N): reported as the JDK says it.
      return new Exited(process.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IpcException("EINTR", "the wait was interrupted", e);
    }
  }

  /** The java launcher and the arguments this JVM was started with. */
  static List<String> agentCommand() throws IpcException {
    ProcessHandle.Info info = ProcessHandle.current().info();
    Optional<String> launcher = info.command();
    Optional<String[]> arguments = info.arguments();
    if (launcher.isEmpty() || arguments.isEmpty()) {
      // On Linux the JDK reads /proc/self/cmdline and gives no arguments at all when it is
      // longer than one page (4096 bytes), for example with a very long class path.
      throw new IpcException(
          "INTERNAL",
          "the JDK does not tell this agent's command line (ProcessHandle.Info: command "
              + launcher.orElse("unknown") + ", arguments " + (arguments.isPresent() ? "known" : "unknown")
              + "), so it cannot start another agent");
    }
    List<String> command = new ArrayList<>();
    command.add(launcher.get());
    command.addAll(List.of(arguments.get()));
    return command;
  }
}
