package org.ipcspec.suite.plugin;

import java.nio.file.Path;
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
    Set<Capability> capabilities,
    Map<String, String> deviations) {

  public static final String FILE_NAME = "ipcspec-plugin.json";
  public static final String SCHEMA = "ipcspec-plugin/1";

  public PluginDescriptor {
    command = List.copyOf(command);
    capabilities = Set.copyOf(capabilities);
    deviations = Map.copyOf(deviations);
  }

  public Path file() {
    return directory.resolve(FILE_NAME);
  }

  public boolean claims(Capability capability) {
    return capabilities.contains(capability);
  }

  /** The declared reason why this plugin fails a scenario, if it declares one. */
  public Optional<String> deviation(String scenarioId) {
    return Optional.ofNullable(deviations.get(scenarioId));
  }
}
