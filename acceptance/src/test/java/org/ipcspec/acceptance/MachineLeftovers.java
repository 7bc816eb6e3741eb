package org.ipcspec.acceptance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What any ipcspec run left anywhere on the machine, whichever process ran it: agent processes,
 * run folders (with their FIFOs and sockets), POSIX shared memory objects and message queues,
 * System V message queues, containers and networks. Names are the suite's own: folders and
 * objects start with {@code ipcspec-} (tests' folders with {@code it-}), System V keys with the
 * byte 'I', engine objects carry the {@code org.ipcspec.run} label.
 */
final class MachineLeftovers {
  private static final int KEY_MARK = 0x49000000;

  private Path tmp = Path.of("/tmp");
  private Path shm = Path.of("/dev/shm");
  private Path mqueue = Path.of("/dev/mqueue");
  private Path sysvQueues = Path.of("/proc/sysvipc/msg");
  private boolean engine = true;

  /** Looks at other folders than the machine's, for a test of this class. */
  MachineLeftovers withFolders(Path tmp, Path shm, Path mqueue, Path sysvQueues) {
    this.tmp = tmp;
    this.shm = shm;
    this.mqueue = mqueue;
    this.sysvQueues = sysvQueues;
    return this;
  }

  MachineLeftovers withoutContainerEngine() {
    this.engine = false;
    return this;
  }

  /** One line per thing left, saying what and where; empty when the machine is clean. */
  List<String> find() {
    List<String> left = new ArrayList<>();
    left.addAll(agents());
    left.addAll(entries(tmp, "run folder", Files::isDirectory, "ipcspec-", "it-"));
    left.addAll(entries(shm, "shared memory object", Files::isRegularFile, "ipcspec-"));
    left.addAll(entries(mqueue, "message queue", Files::isRegularFile, "ipcspec-"));
    left.addAll(systemVQueues());
    if (engine) {
      left.addAll(engineObjects("container", "docker", "ps", "-a", "-q", "--filter", "label=org.ipcspec.run"));
      left.addAll(engineObjects("network", "docker", "network", "ls", "-q", "--filter", "label=org.ipcspec.run"));
    }
    return left;
  }

  /**
   * A process whose environment names a control socket or a scratch folder in the temporary
   * folder is an agent (or a child of one), whoever started it; over TCP only the scratch folder
   * says so.
   */
  private List<String> agents() {
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses().filter(p -> p.pid() != self && p.isAlive()).flatMap(p -> {
      try {
        String environ = Files.readString(Path.of("/proc", Long.toString(p.pid()), "environ"), StandardCharsets.ISO_8859_1);
        return isAgentUnder(environ, tmp)
            ? Stream.of("agent process " + p.pid() + ": " + p.info().commandLine().orElse("?"))
            : Stream.empty();
      } catch (IOException | RuntimeException e) {
        return Stream.empty(); // gone meanwhile
      }
    }).toList();
  }

  /**
   * Whether a process's environment (/proc/PID/environ) is an agent's of a run under {@code root}:
   * its control socket or its scratch folder lies there (over TCP only the scratch folder says so).
   */
  static boolean isAgentUnder(String environ, Path root) {
    return environ.contains("IPCSPEC_CONTROL=" + root + "/") || environ.contains("IPCSPEC_SCRATCH=" + root + "/");
  }

  private static List<String> entries(Path folder, String what, Predicate<Path> kind, String... prefixes) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(kind).filter(p -> Stream.of(prefixes).anyMatch(p.getFileName().toString()::startsWith))
          .map(p -> what + " " + p).toList();
    } catch (IOException e) {
      return List.of("cannot list " + folder + ": " + e.getMessage());
    }
  }

  private List<String> systemVQueues() {
    if (!Files.isReadable(sysvQueues)) {
      return List.of();
    }
    try {
      return Files.readAllLines(sysvQueues).stream().map(String::trim).map(line -> line.split("\\s+"))
          .filter(fields -> fields.length > 1 && fields[0].matches("-?[0-9]+"))
          .filter(fields -> (Integer.parseInt(fields[0]) & 0xFF000000) == KEY_MARK)
          .map(fields -> "System V message queue " + fields[1] + " (key 0x" + Integer.toHexString(Integer.parseInt(fields[0])) + ")")
          .toList();
    } catch (IOException | NumberFormatException e) {
      return List.of("cannot read " + sysvQueues + ": " + e.getMessage());
    }
  }

  /** What the container engine still has of any run; nothing when there is no engine to ask. */
  private static List<String> engineObjects(String what, String... command) {
    try {
      Process docker = new ProcessBuilder(command).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!docker.waitFor(30, TimeUnit.SECONDS) || docker.exitValue() != 0) {
        return List.of(); // no engine running: it holds nothing
      }
      return out.lines().filter(line -> !line.isBlank()).map(id -> what + " " + id + " (label org.ipcspec.run)").toList();
    } catch (IOException e) {
      return List.of(); // no docker command on this machine
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
