package org.ipcspec.suite.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.ipcspec.spec.protocol.Operation;
import org.ipcspec.suite.agent.Agent;

/**
 * The kernel objects of one scenario that have names outside its folder: POSIX shared memory
 * objects and message queues, and System V message queue keys. The suite picks the names, unique
 * to the run and the scenario, and removes the objects afterwards, whatever the agents did.
 */
public final class SystemObjects {
  /** Where Linux shows POSIX shared memory objects and (when mounted) message queues. */
  static final Path SHM_FOLDER = Path.of("/dev/shm");
  static final Path MQUEUE_FOLDER = Path.of("/dev/mqueue");
  /** System V keys of the suite start with 'I' (0x49), so that a person reading ipcs(1) can tell them. */
  private static final int KEY_MARK = 0x49000000;
  /** Keys in use by this process's scenarios now. */
  private static final Set<Integer> KEYS_TAKEN = ConcurrentHashMap.newKeySet();
  /** Every key this process ever handed out, to tell its leftovers from other runs' objects. */
  private static final Set<Integer> KEYS_GIVEN = ConcurrentHashMap.newKeySet();

  private final String prefix;
  private final Set<String> shm = new LinkedHashSet<>();
  private final Set<String> queues = new LinkedHashSet<>();
  private final Map<String, Integer> keys = new LinkedHashMap<>();

  SystemObjects(int scenario) {
    prefix = "/ipcspec-" + ProcessHandle.current().pid() + "-" + scenario + "-";
  }

  /** The POSIX name ("/ipcspec-...-board") of the scenario's shared memory object {@code name}. */
  String sharedMemory(String name) {
    String full = prefix + name;
    shm.add(full);
    return full;
  }

  /** The POSIX name of the scenario's message queue {@code name}. */
  String queue(String name) {
    String full = prefix + name;
    queues.add(full);
    return full;
  }

  /**
   * The name of the scenario's DDE service {@code name}. DDE names are seen by every program of a
   * Windows session (a Wine prefix), so scenarios that run at once must not share them; they need
   * no removal: a service goes with the program that offers it.
   */
  String ddeService(String name) {
    return prefix.substring(1) + name;
  }

  /** The System V key of the scenario's queue {@code name}: the same for every participant. */
  int key(String name) {
    return keys.computeIfAbsent(name, n -> {
      // Random, so that concurrent runs on one machine do not meet: 24 bits make that unlikely.
      while (true) {
        int key = KEY_MARK | java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 0x01000000);
        if (KEYS_TAKEN.add(key)) {
          KEYS_GIVEN.add(key);
          return key;
        }
      }
    });
  }

  /**
   * What scenarios run by this process left on the machine: shared memory objects, message
   * queues (where /dev/mqueue is mounted) and System V message queues. For tests that check
   * that nothing is left behind.
   */
  public static List<String> leftovers() {
    String mine = "ipcspec-" + ProcessHandle.current().pid() + "-";
    List<String> left = new ArrayList<>();
    for (Path folder : List.of(SHM_FOLDER, MQUEUE_FOLDER)) {
      try (var entries = Files.list(folder)) {
        entries.filter(p -> p.getFileName().toString().startsWith(mine)).forEach(p -> left.add(p.toString()));
      } catch (IOException e) {
        // Not there on this system: nothing of ours either.
      }
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/sysvipc/msg"))) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 1 && fields[0].matches("-?[0-9]+") && KEYS_GIVEN.contains(Integer.parseInt(fields[0]))) {
          left.add("System V message queue " + fields[1] + " (key " + fields[0] + ")");
        }
      }
    } catch (IOException | NumberFormatException e) {
      // No System V IPC here.
    }
    return left;
  }

  /**
   * Removes the queues that only an agent can remove: without /dev/mqueue mounted, the JVM has
   * no way to call mq_unlink(3). Best effort, before the agents are stopped.
   */
  void removeQueuesThrough(Agent agent) {
    if (Files.isDirectory(MQUEUE_FOLDER) || queues.isEmpty()) {
      return;
    }
    for (String name : queues) {
      try {
        agent.submit(Operation.MQ_UNLINK, Json.args().put("name", name)).response().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        // The sweep below reports what is left.
      }
    }
  }

  /** Removes what the scenario left; returns what could not be removed, for the record. */
  List<String> removeLeftovers() {
    List<String> left = new ArrayList<>();
    for (String name : shm) {
      deleteIfThere(SHM_FOLDER.resolve(name.substring(1)), left);
    }
    for (String name : queues) {
      deleteIfThere(MQUEUE_FOLDER.resolve(name.substring(1)), left);
    }
    if (!keys.isEmpty()) {
      for (String id : systemVQueues(keys.values())) {
        if (!ipcrm(id)) {
          left.add("System V message queue " + id);
        }
      }
    }
    keys.values().forEach(KEYS_TAKEN::remove);
    return left;
  }

  /** The ids of the System V message queues with these keys, from /proc/sysvipc/msg. */
  static List<String> systemVQueues(java.util.Collection<Integer> wanted) {
    List<String> ids = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/sysvipc/msg"))) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 1 && fields[0].matches("-?[0-9]+") && wanted.contains(Integer.parseInt(fields[0]))) {
          ids.add(fields[1]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // No System V IPC on this system: nothing to remove.
    }
    return ids;
  }

  private static boolean ipcrm(String id) {
    try {
      Process process = new ProcessBuilder("ipcrm", "-q", id).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void deleteIfThere(Path path, List<String> left) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      left.add(path + " (" + e.getMessage() + ")");
    }
  }
}
