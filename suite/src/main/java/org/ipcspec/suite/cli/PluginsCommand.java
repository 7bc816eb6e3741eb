package org.ipcspec.suite.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ipcspec.suite.plugin.DescriptorException;
import org.ipcspec.suite.plugin.PluginCatalog;
import org.ipcspec.suite.plugin.PluginDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipcspec plugins}: the plugins found and what they claim. */
@Command(name = "plugins", description = "List the plugins found, their capabilities and declared deviations.")
final class PluginsCommand implements Callable<Integer> {

  @Option(names = "--plugin-dir", paramLabel = "DIR", description = "Also look here: a plugin folder, or a folder of plugin folders.")
  List<Path> pluginDirs = List.of();

  @Override
  public Integer call() {
    PluginCatalog catalog;
    try {
      catalog = PluginCatalog.discover(IpcspecCommand.home(), pluginDirs);
    } catch (DescriptorException e) {
      System.err.println("ipcspec: " + e.getMessage());
      return IpcspecCommand.USAGE;
    }
    for (PluginDescriptor plugin : catalog.all()) {
      System.out.printf("%-10s %s %s%n", plugin.id(), plugin.name(), plugin.version());
      System.out.printf("           folder:       %s%n", plugin.directory());
      System.out.printf("           capabilities: %s%n", plugin.capabilities().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
      plugin.missingHere().ifPresent(missing -> System.out.printf("           not runnable: %s%n", missing));
      plugin.deviations().forEach((id, reason) -> System.out.printf("           deviation:    %s: %s%n", id, reason));
    }
    return 0;
  }
}
