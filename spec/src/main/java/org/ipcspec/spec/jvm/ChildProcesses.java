package org.ipcspec.spec.jvm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Capability {@code process.spawn}: start a child participant, its standard input and output
 * either inherited from the agent or piped to it, and learn how the child ended.
 *
 * <p>Operations {@code process.spawn} (without {@code inherit}, and with {@code stdin} and {@code
 * stdout} absent or {@code "pipe"}) and {@code process.wait}. The child runs the same agent
 * program: it connects to {@link Spawn#control()}, says hello as {@link Spawn#participant()}, and
 * its host gives it the handles {@code stdin} and {@code stdout}, its descriptors 0 and 1.
 */
public interface ChildProcesses {

  /**
   * What the suite asks of a new child.
   *
   * @param participant the child's participant name, its {@code IPCSPEC_PARTICIPANT}
   * @param control the control socket it connects to, its {@code IPCSPEC_CONTROL}
   * @param scratch its own directory, its {@code IPCSPEC_SCRATCH} and working directory
   * @param pipeStdin true: a new pipe to the child's standard input, whose write end the parent
   *     keeps; false: the child inherits the parent's standard input
   * @param pipeStdout true: a new pipe from the child's standard output, whose read end the
   *     parent keeps; false: the child inherits the parent's standard output
   */
  record Spawn(String participant, Path control, Path scratch, boolean pipeStdin, boolean pipeStdout) {
    /** Checks that the names and paths are there. */
    public Spawn {
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(control, "control");
      Objects.requireNonNull(scratch, "scratch");
    }
  }

  /**
   * A started child.
   *
   * @param pid its process id
   * @param stdin the parent's end of the pipe to the child's standard input (the write end), or
   *     null when the child's standard input is not a new pipe
   * @param stdout the parent's end of the pipe from the child's standard output (the read end),
   *     or null when the child's standard output is not a new pipe
   */
  record Child(long pid, Endpoint stdin, Endpoint stdout) {}

  /** How a child ended, as waitpid(2) tells it. */
  sealed interface End permits Exited, Signalled {}

  /**
   * The child exited (WIFEXITED).
   *
   * @param status its exit status
   */
  record Exited(int status) implements End {}

  /**
   * A signal ended the child (WIFSIGNALED).
   *
   * @param signal the signal's name, such as {@code SIGTERM}
   * @param core whether it dumped core
   */
  record Signalled(String signal, boolean core) implements End {
    /** Checks that the signal is named. */
    public Signalled {
      Objects.requireNonNull(signal, "signal");
    }
  }

  /** Starts a child participant. */
  Child spawn(Spawn spawn) throws IpcException;

  /**
   * Waits until a child this agent spawned ends (the name avoids {@link Object#wait(long)}).
   *
   * @throws IpcException {@code ECHILD} when the pid is not a child of this agent
   */
  End waitFor(long pid) throws IpcException;
}
