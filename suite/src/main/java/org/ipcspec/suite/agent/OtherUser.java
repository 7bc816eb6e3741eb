package org.ipcspec.suite.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A user other than the suite's, to run a participant's agent as: scenarios about permissions
 * (a process may only signal processes of its own user) need one. Only a suite that runs as root
 * can start an agent as another user; it does so with setpriv(1), which changes the user and then
 * runs the agent program in the same process.
 */
public record OtherUser(int uid, int gid) {
  /** The unprivileged user every Linux system has. */
  public static final OtherUser NOBODY = new OtherUser(65534, 65534);

  /** Why an agent cannot be started as another user here, or null when it can. */
  public static String unavailableBecause() {
    try {
      int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      if (self != 0) {
        return "the suite runs as user " + self + ", not root, so it cannot start a process as another user";
      }
    } catch (IOException | UnsupportedOperationException e) {
      return "the suite cannot tell which user it runs as: " + e.getMessage();
    }
    if (!mapped(Path.of("/proc/self/uid_map"), NOBODY.uid()) || !mapped(Path.of("/proc/self/gid_map"), NOBODY.gid())) {
      return "user or group " + NOBODY.uid() + " does not exist in this user namespace";
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, "setpriv"))) {
        return null;
      }
    }
    return "setpriv(1) (util-linux) is not installed";
  }

  /** Whether an id falls in one of the ranges of a uid_map or gid_map (user_namespaces(7)). */
  private static boolean mapped(Path map, int id) {
    try {
      for (String line : Files.readAllLines(map)) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length == 3) {
          long first = Long.parseLong(fields[0]);
          if (id >= first && id < first + Long.parseLong(fields[2])) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException | NumberFormatException e) {
      return true; // no user namespaces here: every id exists
    }
  }

  List<String> wrap(List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Lets this user reach the participant's control socket and own its scratch folder. */
  void admit(AgentSlot slot, Path tmp) throws IOException {
    if (!slot.overTcp()) {
      Files.setPosixFilePermissions(slot.socketPath(), PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    Files.setAttribute(slot.scratch(), "unix:uid", uid);
    Files.setAttribute(slot.scratch(), "unix:gid", gid);
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
  }
}
