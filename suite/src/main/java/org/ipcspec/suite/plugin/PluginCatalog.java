package org.ipcspec.suite.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The plugins a run can choose from: the bundled ones under {@code <home>/plugins/}, and those
 * of every {@code --plugin-dir} (a plugin folder, or a folder of plugin folders).
 */
public final class PluginCatalog {
  private final Map<String, PluginDescriptor> byId = new LinkedHashMap<>();
  private final List<PluginDescriptor> fromDirs = new ArrayList<>();

  private PluginCatalog() {}

  /**
   * Finds the plugins.
   *
   * @param home the ipcspec checkout whose {@code plugins/} folder holds the bundled plugins, or null
   * @param extraDirs the {@code --plugin-dir} folders
   */
  public static PluginCatalog discover(Path home, List<Path> extraDirs) throws DescriptorException {
    PluginCatalog catalog = new PluginCatalog();
    if (home != null && Files.isDirectory(home.resolve("plugins"))) {
      for (Path dir : children(home.resolve("plugins"))) {
        catalog.add(DescriptorReader.read(dir), false);
      }
    }
    for (Path dir : extraDirs) {
      if (!Files.isDirectory(dir)) {
        throw new DescriptorException("--plugin-dir " + dir + ": not a directory");
      }
      if (Files.exists(dir.resolve(PluginDescriptor.FILE_NAME))) {
        catalog.add(DescriptorReader.read(dir), true);
      } else {
        List<Path> found = children(dir);
        if (found.isEmpty()) {
          throw new DescriptorException("--plugin-dir " + dir + ": holds no " + PluginDescriptor.FILE_NAME + ", neither itself nor in a subfolder");
        }
        for (Path child : found) {
          catalog.add(DescriptorReader.read(child), true);
        }
      }
    }
    return catalog;
  }

  private static List<Path> children(Path parent) throws DescriptorException {
    try (Stream<Path> entries = Files.list(parent)) {
      return entries
          .filter(p -> Files.isRegularFile(p.resolve(PluginDescriptor.FILE_NAME)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DescriptorException(parent + ": cannot list: " + e.getMessage());
    }
  }

  private void add(PluginDescriptor descriptor, boolean fromDir) throws DescriptorException {
    PluginDescriptor earlier = byId.putIfAbsent(descriptor.id(), descriptor);
    if (earlier != null && !earlier.directory().equals(descriptor.directory())) {
      throw new DescriptorException(descriptor.file(), "id",
          "\"" + descriptor.id() + "\" is already the id of " + earlier.file());
    }
    if (fromDir) {
      fromDirs.add(descriptor);
    }
  }

  public Optional<PluginDescriptor> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Collection<PluginDescriptor> all() {
    return byId.values();
  }

  /** The plugins that came from {@code --plugin-dir} folders, in the order given. */
  public List<PluginDescriptor> fromPluginDirs() {
    return List.copyOf(fromDirs);
  }
}
