package org.ipcspec.suite.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container sees, read-only, exactly the folders its agent's command needs, and nothing twice. */
class ContainerMountsTest {
  @TempDir Path root;

  @Test
  void aNativeAgentNeedsOnlyItsPluginFolder() throws Exception {
    Path plugin = Files.createDirectories(root.resolve("plugins/posix"));
    Path agent = Files.createDirectories(plugin.resolve("target")).resolve("agent");
    Files.createFile(agent);
    assertThat(ContainerLauncher.readOnlyFolders(spec(plugin, List.of(agent.toString()))))
        .containsExactly(plugin.toRealPath());
  }

  @Test
  void aProgramOfTheSystemIsTheImagesOwnAndIsNotBoundOverIt() throws Exception {
    Path plugin = Files.createDirectories(root.resolve("fixtures/mutants/m"));
    Path proxy = Files.createDirectories(root.resolve("fixtures/proxy")).resolve("mutate.py");
    Files.createFile(proxy);
    List<String> command = List.of("/usr/bin/env", "-I", plugin + "/../../proxy/mutate.py");
    assertThat(ContainerLauncher.readOnlyFolders(spec(plugin, command)))
        .containsExactlyInAnyOrder(plugin.toRealPath(), proxy.getParent().toRealPath());
  }

  @Test
  void aWrapperReachesTheFoldersItsCommandNamesAndTheJavaItRunsOn() throws Exception {
    Path plugin = Files.createDirectories(root.resolve("fixtures/mutants/m"));
    Path jars = Files.createDirectories(root.resolve("fixtures/target/lib"));
    Path inner = Files.createDirectories(root.resolve("plugins/posix/target")).resolve("agent");
    Files.createFile(inner);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-cp", plugin + "/../../target/lib/*:" + jars, "Main", "--", plugin + "/../../../plugins/posix/target/agent");
    assertThat(ContainerLauncher.readOnlyFolders(spec(plugin, command)))
        .contains(plugin.toRealPath(), jars.toRealPath(), inner.getParent().toRealPath(),
            Path.of(System.getProperty("java.home")).toRealPath())
        .doesNotHaveDuplicates();
    // Debian's JDK links its configuration into /etc; without it a JVM cannot even start its security.
    Path security = Path.of(System.getProperty("java.home"), "conf", "security", "java.security").toRealPath();
    assertThat(ContainerLauncher.readOnlyFolders(spec(plugin, command))).anySatisfy(folder -> assertThat(security).startsWith(folder));
  }

  @Test
  void theScenarioFolderIsNotMountedTwice() throws Exception {
    Path plugin = Files.createDirectories(root.resolve("plugin"));
    Path scenario = Files.createDirectories(root.resolve("run/s1"));
    Path file = Files.createFile(scenario.resolve("input"));
    LaunchSpec spec = new LaunchSpec("alice", List.of(file.toString()), Map.of(), scenario, scenario.resolve("o"),
        scenario.resolve("e"), scenario, plugin, null);
    assertThat(ContainerLauncher.readOnlyFolders(spec)).containsExactly(plugin.toRealPath());
  }

  private LaunchSpec spec(Path plugin, List<String> command) {
    Path scenario = root.resolve("run/s1");
    return new LaunchSpec("alice", command, Map.of(), scenario, scenario.resolve("alice.stdout"),
        scenario.resolve("alice.stderr"), scenario, plugin, null);
  }
}
