package org.ipcspec.suite.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipcspec.spec.protocol.Capability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DescriptorReaderTest {
  @TempDir Path dir;

  private static final String VALID = """
      {
        "schema": "ipcspec-plugin/1",
        "id": "demo",
        "name": "Demo",
        "version": "1.2.3",
        "description": "A plugin for tests.",
        "agent": { "command": ["bin/agent", "--fast"] },
        "capabilities": ["fifo", "fs.stat"],
        "deviations": [ { "scenario": "FIFO-09", "reason": "the platform differs" } ]
      }
      """;

  private Path write(String json) throws IOException {
    Files.writeString(dir.resolve(PluginDescriptor.FILE_NAME), json);
    return dir;
  }

  @Test
  void aValidDescriptorIsReadWhole() throws Exception {
    PluginDescriptor plugin = DescriptorReader.read(write(VALID));
    assertThat(plugin.id()).isEqualTo("demo");
    assertThat(plugin.command()).containsExactly("bin/agent", "--fast");
    assertThat(plugin.capabilities()).containsExactlyInAnyOrder(Capability.FIFO, Capability.FS_STAT);
    assertThat(plugin.deviation("FIFO-09")).hasValue("the platform differs");
    assertThat(plugin.deviation("FIFO-01")).isEmpty();
    assertThat(plugin.directory()).isEqualTo(dir.toAbsolutePath().normalize());
  }

  @ParameterizedTest(name = "without {0}")
  @CsvSource({"schema", "id", "name", "version", "description", "agent", "capabilities"})
  void aMissingRequiredFieldIsNamedWithTheFile(String field) throws Exception {
    String json = VALID.replaceFirst("\"" + field + "\"", "\"x-" + field + "\"");
    assertThatThrownBy(() -> DescriptorReader.read(write(json)))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining(dir.resolve(PluginDescriptor.FILE_NAME).toString())
        .hasMessageContaining("'" + field);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "\"id\": \"demo\"|\"id\": \"Demo Plugin\"|field 'id'",
      "\"schema\": \"ipcspec-plugin/1\"|\"schema\": \"ipcspec-plugin/2\"|field 'schema'",
      "\"fs.stat\"|\"telepathy\"|field 'capabilities[1]'",
      "[\"bin/agent\", \"--fast\"]|[]|field 'agent.command'",
      "[\"bin/agent\", \"--fast\"]|[\"bin/agent\", 3]|field 'agent.command[1]'",
      "\"scenario\": \"FIFO-09\"|\"scenario\": \"fifo nine\"|field 'deviations[0].scenario'",
      "\"reason\": \"the platform differs\"|\"reason\": \"\"|field 'deviations[0].reason'",
      "\"name\": \"Demo\"|\"name\": 42|field 'name'",
      "\"--fast\"]|\"--fast\"], \"image\": \"Not An Image!\"|field 'agent.image'",
      "\"--fast\"]|\"--fast\"], \"image\": \"a/b\", \"dockerfile\": \"Dockerfile\"|field 'agent.image': and agent.dockerfile exclude each other",
      "\"--fast\"]|\"--fast\"], \"dockerfile\": \"../Dockerfile\"|field 'agent.dockerfile': must be the path of a Dockerfile inside the plugin's folder",
      "\"--fast\"]|\"--fast\"], \"dockerfile\": \"image/Dockerfile\"|which is not a file",
      "\"--fast\"]|\"--fast\"], \"control\": \"pipe\"|field 'agent.control': must be \"unix\" or \"tcp\""
  })
  void aWrongFieldIsNamed(String from, String to, String expected) throws Exception {
    assertThatThrownBy(() -> DescriptorReader.read(write(VALID.replace(from, to))))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void aMisspeltFieldIsRejectedButExtensionsAreFree() throws Exception {
    assertThatThrownBy(() -> DescriptorReader.read(write(VALID.replace("\"deviations\"", "\"deviation\""))))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("field 'deviation': unknown field");
    assertThatThrownBy(() -> DescriptorReader.read(write(VALID.replace("\"command\"", "\"cmd\""))))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("field 'agent.cmd': unknown field");
    assertThat(DescriptorReader.read(write(VALID.replace("\"deviations\"", "\"x-notes\""))).deviations()).isEmpty();
  }

  @Test
  void theImageIsTheBaseOneNamedOrBuiltFromADockerfileInTheFolder() throws Exception {
    assertThat(DescriptorReader.read(write(VALID)).image()).isEqualTo(ContainerImage.BASE);
    assertThat(DescriptorReader.read(write(VALID.replace("\"--fast\"]", "\"--fast\"], \"image\": \"registry.local:5000/team/agent:1.0\""))).image())
        .isEqualTo(ContainerImage.named("registry.local:5000/team/agent:1.0"));
    Path dockerfile = Files.createDirectories(dir.resolve("image")).resolve("Dockerfile");
    Files.writeString(dockerfile, "FROM ipcspec/base:bookworm\n");
    assertThat(DescriptorReader.read(write(VALID.replace("\"--fast\"]", "\"--fast\"], \"dockerfile\": \"image/Dockerfile\""))).image())
        .isEqualTo(ContainerImage.fromDockerfile(dockerfile.toAbsolutePath().normalize()));
  }

  @Test
  void agentsReachTheSuiteOverAUnixSocketUnlessTheDescriptorAsksForTcp() throws Exception {
    assertThat(DescriptorReader.read(write(VALID)).control()).isEqualTo(ControlTransport.UNIX);
    assertThat(DescriptorReader.read(write(VALID.replace("\"--fast\"]", "\"--fast\"], \"control\": \"tcp\""))).control())
        .isEqualTo(ControlTransport.TCP);
  }

  @Test
  void whatTheAgentRequiresIsCheckedOnThisMachineProgramsOnThePathFilesInTheFolder() throws Exception {
    assertThat(DescriptorReader.read(write(VALID)).missingHere()).isEmpty();
    String requiring = VALID.replace("\"--fast\"]", "\"--fast\"], \"requires\": [\"sh\", \"bin/agent.exe\", \"no-such-program-here\"]");
    assertThat(DescriptorReader.read(write(requiring)).missingHere()).hasValueSatisfying(missing -> assertThat(missing)
        .startsWith("plugin demo needs what this machine lacks: ")
        .contains("bin/agent.exe (no such file in ").contains("no-such-program-here (no such program on the PATH)")
        .doesNotContain("sh (").contains("README.md"));
    Files.createDirectories(dir.resolve("bin"));
    Files.writeString(dir.resolve("bin/agent.exe"), "");
    assertThat(DescriptorReader.read(write(requiring.replace(", \"no-such-program-here\"", "")))
        .missingHere()).isEmpty();
  }

  @Test
  void aRequirementThatIsNeitherAProgramNorAFileIsRejected() throws Exception {
    assertThatThrownBy(() -> DescriptorReader.read(write(VALID.replace("\"--fast\"]", "\"--fast\"], \"requires\": [\" \"]"))))
        .isInstanceOf(DescriptorException.class).hasMessageContaining("agent.requires[0]");
    assertThatThrownBy(() -> DescriptorReader.read(write(VALID.replace("\"--fast\"]", "\"--fast\"], \"requires\": \"wine\""))))
        .isInstanceOf(DescriptorException.class).hasMessageContaining("agent.requires");
  }

  @Test
  void brokenJsonGivesTheLineAndColumn() throws Exception {
    assertThatThrownBy(() -> DescriptorReader.read(write("{\n  \"id\": \"x\",,\n}")))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("line 2");
  }

  @Test
  void aFolderWithoutDescriptorSaysSo() {
    assertThatThrownBy(() -> DescriptorReader.read(dir))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("no plugin descriptor");
  }

  @Test
  void aCatalogRejectsTwoPluginsWithOneId() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(a.resolve(PluginDescriptor.FILE_NAME), VALID);
    Files.writeString(b.resolve(PluginDescriptor.FILE_NAME), VALID);
    assertThatThrownBy(() -> PluginCatalog.discover(null, List.of(dir)))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("already the id of");
  }

  @Test
  void aCatalogFindsPluginsInAFolderOfPluginFolders() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Files.writeString(a.resolve(PluginDescriptor.FILE_NAME), VALID);
    PluginCatalog catalog = PluginCatalog.discover(null, List.of(dir));
    assertThat(catalog.find("demo")).isPresent();
    assertThat(catalog.fromPluginDirs()).hasSize(1);
  }
}
