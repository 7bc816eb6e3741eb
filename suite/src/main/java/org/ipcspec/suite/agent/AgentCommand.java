package org.ipcspec.suite.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ipcspec.suite.plugin.PluginDescriptor;

/** The command line that starts a plugin's agent, placeholders expanded and paths resolved. */
public final class AgentCommand {
  private AgentCommand() {}

  public static List<String> of(PluginDescriptor plugin) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String pluginDir = plugin.directory().toString();
    List<String> words = new ArrayList<>();
    for (String word : plugin.command()) {
      words.add(word.replace("${java}", java).replace("${pluginDir}", pluginDir));
    }
    String program = words.get(0);
    if (program.contains("/") && !Path.of(program).isAbsolute()) {
      program = plugin.directory().resolve(program).normalize().toString();
      words.set(0, program);
    }
    if (program.contains("/") && !Files.isExecutable(Path.of(program))) {
      throw new HarnessException("plugin " + plugin.id() + ": agent program " + program
          + " does not exist or is not executable (is the plugin built? " + plugin.file() + ", field 'agent.command')");
    }
    return words;
  }
}
