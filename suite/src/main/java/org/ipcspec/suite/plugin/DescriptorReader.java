package org.ipcspec.suite.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ipcspec.spec.protocol.Capability;

/** Reads {@code ipcspec-plugin.json} and rejects every missing or wrong field by name. */
public final class DescriptorReader {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern SCENARIO_ID = Pattern.compile("[A-Z]+-[0-9]+");
  /** Docker's reference grammar, simplified: path components, an optional tag or digest. */
  private static final Pattern IMAGE = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> KNOWN_FIELDS =
      Set.of("schema", "id", "name", "version", "description", "agent", "capabilities", "deviations");
  /** Fields of this prefix are the descriptor author's own and are ignored. */
  private static final String EXTENSION_PREFIX = "x-";

  private DescriptorReader() {}

  /** Reads the descriptor of the plugin folder {@code directory}. */
  public static PluginDescriptor read(Path directory) throws DescriptorException {
    Path dir = directory.toAbsolutePath().normalize();
    Path file = dir.resolve(PluginDescriptor.FILE_NAME);
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new DescriptorException(file + ": no plugin descriptor here (a plugin folder holds " + PluginDescriptor.FILE_NAME + ")");
    } catch (JsonProcessingException e) {
      throw new DescriptorException(file + ": not valid JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw new DescriptorException(file + ": cannot read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new DescriptorException(file + ": must hold one JSON object");
    }
    rejectUnknownFields(file, root, "", KNOWN_FIELDS);
    if (root.path("agent").isObject()) {
      rejectUnknownFields(file, root.get("agent"), "agent.", Set.of("command", "image", "dockerfile", "control", "requires"));
    }
    Fields fields = new Fields(file, root);
    String schema = fields.text("schema");
    if (!PluginDescriptor.SCHEMA.equals(schema)) {
      throw new DescriptorException(file, "schema", "must be \"" + PluginDescriptor.SCHEMA + "\", found \"" + schema + "\"");
    }
    String id = fields.text("id");
    if (!ID.matcher(id).matches()) {
      throw new DescriptorException(file, "id", "must be lower-case letters, digits and '-', found \"" + id + "\"");
    }
    return new PluginDescriptor(
        dir,
        id,
        fields.text("name"),
        fields.text("version"),
        fields.text("description"),
        command(file, root),
        image(file, dir, root.get("agent")),
        control(file, root.get("agent")),
        requires(file, root.get("agent")),
        capabilities(file, root),
        deviations(file, root));
  }

  /** A misspelt field would otherwise be silently ignored, a misspelt "deviations" above all. */
  private static void rejectUnknownFields(Path file, JsonNode node, String prefix, Set<String> known)
      throws DescriptorException {
    for (var names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name) && !name.startsWith(EXTENSION_PREFIX)) {
        throw new DescriptorException(file, prefix + name,
            "unknown field (known: " + new java.util.TreeSet<>(known) + "; fields starting with " + EXTENSION_PREFIX + " are free)");
      }
    }
  }

  private static List<String> command(Path file, JsonNode root) throws DescriptorException {
    JsonNode agent = root.get("agent");
    if (agent == null || !agent.isObject()) {
      throw new DescriptorException(file, "agent", "is required: an object with 'command'");
    }
    JsonNode command = agent.get("command");
    if (command == null || !command.isArray() || command.isEmpty()) {
      throw new DescriptorException(file, "agent.command", "must be a non-empty array of strings: the program and its arguments");
    }
    List<String> words = new ArrayList<>();
    for (int i = 0; i < command.size(); i++) {
      JsonNode word = command.get(i);
      if (!word.isTextual() || word.asText().isEmpty()) {
        throw new DescriptorException(file, "agent.command[" + i + "]", "must be a non-empty string");
      }
      words.add(word.asText());
    }
    return words;
  }

  /** {@code agent.requires}: programs (a bare name) and files (a path with a {@code /}, relative to the plugin's folder); none when absent. */
  private static List<String> requires(Path file, JsonNode agent) throws DescriptorException {
    JsonNode requires = agent.get("requires");
    if (requires == null) {
      return List.of();
    }
    if (!requires.isArray()) {
      throw new DescriptorException(file, "agent.requires", "must be an array of strings: programs on the PATH and files in the plugin's folder");
    }
    List<String> needed = new ArrayList<>();
    for (int i = 0; i < requires.size(); i++) {
      JsonNode entry = requires.get(i);
      if (!entry.isTextual() || entry.asText().isBlank()) {
        throw new DescriptorException(file, "agent.requires[" + i + "]",
            "must be a program's name or a file's path (relative to the plugin's folder), found " + entry);
      }
      needed.add(entry.asText());
    }
    return needed;
  }

  /** {@code agent.control}: {@code "unix"} (the default) or {@code "tcp"}. */
  private static ControlTransport control(Path file, JsonNode agent) throws DescriptorException {
    JsonNode control = agent.get("control");
    if (control == null) {
      return ControlTransport.UNIX;
    }
    for (ControlTransport transport : ControlTransport.values()) {
      if (control.isTextual() && control.asText().equals(transport.word())) {
        return transport;
      }
    }
    throw new DescriptorException(file, "agent.control", "must be \"unix\" or \"tcp\", found " + control);
  }

  /** {@code agent.image} names an image, {@code agent.dockerfile} a Dockerfile in the plugin's folder; neither: the base image. */
  private static ContainerImage image(Path file, Path dir, JsonNode agent) throws DescriptorException {
    JsonNode image = agent.get("image");
    JsonNode dockerfile = agent.get("dockerfile");
    if (image != null && dockerfile != null) {
      throw new DescriptorException(file, "agent.image", "and agent.dockerfile exclude each other: name an image, or a Dockerfile to build one");
    }
    if (image != null) {
      if (!image.isTextual() || !IMAGE.matcher(image.asText()).matches()) {
        throw new DescriptorException(file, "agent.image", "must be an image name such as \"ipcspec/base:bookworm\", found " + image);
      }
      return ContainerImage.named(image.asText());
    }
    if (dockerfile != null) {
      Path path = dockerfile.isTextual() && !dockerfile.asText().isEmpty() ? dir.resolve(dockerfile.asText()).normalize() : null;
      if (path == null || !path.startsWith(dir)) {
        throw new DescriptorException(file, "agent.dockerfile", "must be the path of a Dockerfile inside the plugin's folder, found " + dockerfile);
      }
      if (!Files.isRegularFile(path)) {
        throw new DescriptorException(file, "agent.dockerfile", "names " + path + ", which is not a file");
      }
      return ContainerImage.fromDockerfile(path);
    }
    return ContainerImage.BASE;
  }

  private static Set<Capability> capabilities(Path file, JsonNode root) throws DescriptorException {
    JsonNode list = root.get("capabilities");
    if (list == null || !list.isArray()) {
      throw new DescriptorException(file, "capabilities", "must be an array of capability names (it may be empty)");
    }
    Set<Capability> claimed = EnumSet.noneOf(Capability.class);
    for (int i = 0; i < list.size(); i++) {
      String name = list.get(i).asText();
      Capability capability = Capability.byId(name).orElse(null);
      if (!list.get(i).isTextual() || capability == null) {
        throw new DescriptorException(file, "capabilities[" + i + "]",
            "unknown capability " + list.get(i) + "; known: " + List.of(Capability.values()));
      }
      claimed.add(capability);
    }
    return claimed;
  }

  private static Map<String, String> deviations(Path file, JsonNode root) throws DescriptorException {
    JsonNode list = root.get("deviations");
    Map<String, String> deviations = new LinkedHashMap<>();
    if (list == null) {
      return deviations;
    }
    if (!list.isArray()) {
      throw new DescriptorException(file, "deviations", "must be an array of {\"scenario\", \"reason\"} objects");
    }
    for (int i = 0; i < list.size(); i++) {
      Fields entry = new Fields(file, list.get(i), "deviations[" + i + "].");
      String scenario = entry.text("scenario");
      if (!SCENARIO_ID.matcher(scenario).matches()) {
        throw new DescriptorException(file, "deviations[" + i + "].scenario", "must be a scenario ID such as FIFO-03, found \"" + scenario + "\"");
      }
      if (deviations.put(scenario, entry.text("reason")) != null) {
        throw new DescriptorException(file, "deviations[" + i + "].scenario", scenario + " is declared twice");
      }
    }
    return deviations;
  }

  /** Required non-empty string fields of one object. */
  private static final class Fields {
    private final Path file;
    private final JsonNode node;
    private final String prefix;

    Fields(Path file, JsonNode node) {
      this(file, node, "");
    }

    Fields(Path file, JsonNode node, String prefix) {
      this.file = file;
      this.node = node;
      this.prefix = prefix;
    }

    String text(String name) throws DescriptorException {
      if (node == null || !node.isObject()) {
        throw new DescriptorException(file, prefix.isEmpty() ? name : prefix.substring(0, prefix.length() - 1), "must be an object");
      }
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        throw new DescriptorException(file, prefix + name, "is required");
      }
      if (!value.isTextual() || value.asText().isBlank()) {
        throw new DescriptorException(file, prefix + name, "must be a non-empty string, found " + value);
      }
      return value.asText();
    }
  }
}
