package org.ipcspec.spec.jvm.host;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the suite tells an agent through its environment (PROTOCOL.md, section 1).
 *
 * @param control the control socket's path
 * @param participant the participant's name
 * @param scratch the participant's own directory
 */
public record AgentEnvironment(Path control, String participant, Path scratch) {

  public static final String CONTROL = "IPCSPEC_CONTROL";
  public static final String PARTICIPANT = "IPCSPEC_PARTICIPANT";
  public static final String SCRATCH = "IPCSPEC_SCRATCH";
  public static final String PROTOCOL = "IPCSPEC_PROTOCOL";

  /** Reads the variables; fails with a message naming the missing one. */
  public static AgentEnvironment from(Map<String, String> env) {
    return new AgentEnvironment(
        Path.of(require(env, CONTROL)), require(env, PARTICIPANT), Path.of(require(env, SCRATCH)));
  }

  private static String require(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(
          name + " is not set: an ipcspec agent is started by the suite, not by hand");
    }
    return value;
  }
}
