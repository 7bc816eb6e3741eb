package org.ipcspec.suite.plugin;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ipcspec.spec.protocol.Capability;

/**
 * A validated plugin descriptor.
 *
 * @param directory the plugin's folder
 * @param id what {@code --plugin ID} selects
 * @param name a human-readable name
 * @param version the implementation's version
 * @param description one paragraph for reports
 * @param command how to start the agent, placeholders not yet expanded
 * @param image the image its agents run in when they run in containers
 * @param control how its agents reach the control socket
 * @param requires what the machine must have for its agents to run: programs on the PATH, and
 *     files (a path with a {@code /}) relative to the plugin's folder
 * @param capabilities what the plugin claims
 * @param deviations the scenarios it declares it fails, by scenario ID, with reasons
 */
public record PluginDescriptor(
    Path directory,
    String id,
    String name,
    String version,
    String description,
    List<String> command,
    ContainerImage image,
    ControlTransport control,
    List<String> requires,
    Set<Capability> capabilities,
    Map<String, String> deviations) {

  public static final String FILE_NAME = "ipcspec-plugin.json";
  public static final String SCHEMA = "ipcspec-plugin/1";

  public PluginDescriptor {
    command = List.copyOf(command);
    requires = List.copyOf(requires);
    capabilities = Set.copyOf(capabilities);
    deviations = Map.copyOf(deviations);
  }

  public Path file() {
    return directory.resolve(FILE_NAME);
  }

  public boolean claims(Capability capability) {
    return capabilities.contains(capability);
  }

  /**
   * What of {@code agent.requires} this machine lacks, in one line: its scenarios cannot run here,
   * which makes them NOT_APPLICABLE, not failed. Empty when it has everything.
   */
  public Optional<String> missingHere() {
    List<String> missing = new ArrayList<>();
    for (String needed : requires) {
      if (needed.contains("/")) {
        if (!Files.exists(directory.resolve(needed))) {
          missing.add(needed + " (no such file in " + directory + ")");
        }
      } else if (!onPath(needed)) {
        missing.add(needed + " (no such program on the PATH)");
      }
    }
    return missing.isEmpty() ? Optional.empty()
        : Optional.of("plugin " + id + " needs what this machine lacks: " + String.join(", ", missing) + "; see " + directory.resolve("README.md"));
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null && Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(folder -> !folder.isEmpty() && Files.isExecutable(Path.of(folder, program)));
  }

  /** The declared reason why this plugin fails a scenario, if it declares one. */
  public Optional<String> deviation(String scenarioId) {
    return Optional.ofNullable(deviations.get(scenarioId));
  }
}
