package org.ipcspec.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.agent.ContainerEngine;
import org.ipcspec.suite.agent.ContainerImages;
import org.ipcspec.suite.agent.ContainerLauncher;
import org.ipcspec.suite.agent.HarnessException;
import org.ipcspec.suite.engine.Isolation;
import org.ipcspec.suite.engine.Verification;
import org.ipcspec.suite.engine.VerificationResult;
import org.ipcspec.suite.plugin.DescriptorReader;
import org.ipcspec.suite.plugin.PluginDescriptor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * The reference gives the same verdicts with every participant in a container of its own as with
 * plain processes, over scenarios of every mechanism, passes the scenarios only containers can
 * show, and leaves no container or network behind. In CI
 * (CI=true) a missing engine fails this test: container runs must not be skipped there.
 */
class ContainerIsolationTest extends LeavesNothingBehind {
  /** Scenarios of every mechanism, among them ones across participants, children and users. */
  private static final String SAMPLE = "(@fifo and not @isolation) or @PIPE-01 or @PIPE-09 or @SIG-01 or @SIG-15 or @SIG-18"
      + " or @SOCK-01 or @SOCK-02 or @SOCK-20 or @SHM-02 or @SHM-05 or @SHM-17 or @MP-01 or @MP-15 or @MP-17";

  @TempDir Path out;

  @BeforeEach
  void needsAnEngine() {
    String unavailable = ContainerEngine.unavailableBecause(ContainerLauncher.BASE_IMAGE);
    if (unavailable != null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true, and containers cannot run: " + unavailable);
    }
    Assumptions.assumeTrue(unavailable == null, () -> "no containers here: " + unavailable);
  }

  @Test
  void theReferenceGivesTheSameVerdictsInContainersAsInProcesses() throws Exception {
    VerificationResult inProcesses = Verification.of(Bundled.plugin("plugins/posix")).withOutput(out.resolve("process"))
        .withWorkRoot(workRoot).withTags(SAMPLE).withParallelism(2).run();
    VerificationResult inContainers = Verification.of(Bundled.plugin("plugins/posix")).withOutput(out.resolve("container"))
        .withWorkRoot(workRoot).withTags(SAMPLE).withParallelism(2).withIsolation(Isolation.CONTAINER).run();

    assertThat(verdicts(inContainers)).isEqualTo(verdicts(inProcesses));
    assertThat(verdicts(inContainers).values()).containsOnly(Verdict.PASS);
    assertThat(inContainers.summary().environment().isolation()).isEqualTo("container");
    assertNothingOfTheRunsLeft();
  }

  /**
   * The @isolation scenarios pass against the reference in containers, are NOT_APPLICABLE with
   * plain processes, and each fails against a mutant that breaks the behaviour it states.
   */
  @Test
  void theIsolationScenariosPassInContainersOnlyAndCatchTheirMutants() throws Exception {
    VerificationResult inContainers = Verification.of(Bundled.plugin("plugins/posix")).withOutput(out.resolve("container"))
        .withWorkRoot(workRoot).withTags("@isolation").withParallelism(2).withIsolation(Isolation.CONTAINER).run();
    VerificationResult inProcesses = Verification.of(Bundled.plugin("plugins/posix")).withOutput(out.resolve("process"))
        .withWorkRoot(workRoot).withTags("@isolation").run();

    assertThat(verdicts(inContainers)).hasSize(7).containsOnlyKeys(verdicts(inProcesses).keySet());
    assertThat(verdicts(inContainers).values()).containsOnly(Verdict.PASS);
    assertThat(verdicts(inProcesses).values()).containsOnly(Verdict.NOT_APPLICABLE);

    Map<String, String> killers = Map.of(
        "swap-halves", "@FIFO-19",
        "send-errors-hidden", "@SIG-20",
        "open-creates", "@SHM-19 or @MP-26 or @MP-27",
        "shared-as-private", "@SHM-20",
        "socket-one-way", "@SOCK-32");
    for (Map.Entry<String, String> killer : killers.entrySet()) {
      VerificationResult mutant = Verification.of(Bundled.plugin("fixtures/mutants/" + killer.getKey()))
          .withOutput(out.resolve(killer.getKey())).withWorkRoot(workRoot).withTags(killer.getValue())
          .withParallelism(2).withIsolation(Isolation.CONTAINER).run();
      assertThat(verdicts(mutant).values()).as(killer.getKey() + " on " + killer.getValue()).isNotEmpty().containsOnly(Verdict.FAIL);
    }
    assertNothingOfTheRunsLeft();
  }

  /** A plugin's own Dockerfile is built once, its agents run in that image, and a broken one stops the run. */
  @Test
  void aPluginsDockerfileIsBuiltAndItsAgentsRunInIt() throws Exception {
    Path plugin = Files.createDirectories(out.resolve("dockerfile-plugin/image")).getParent();
    Files.writeString(plugin.resolve("image/Dockerfile"), "FROM " + ContainerLauncher.BASE_IMAGE + "\nENV IPCSPEC_DEMO=1\n");
    ObjectMapper json = new ObjectMapper();
    ObjectNode descriptor = (ObjectNode) json.readTree(Bundled.home().resolve("plugins/posix/ipcspec-plugin.json").toFile());
    descriptor.put("id", "dockerfile-demo");
    ObjectNode agent = (ObjectNode) descriptor.get("agent");
    agent.remove("image");
    agent.put("dockerfile", "image/Dockerfile").putArray("command")
        .add(Bundled.home().resolve("plugins/posix/target/ipcspec-posix-agent").toString());
    Files.writeString(plugin.resolve("ipcspec-plugin.json"), json.writeValueAsString(descriptor));
    try {
      PluginDescriptor demo = DescriptorReader.read(plugin);
      String image = ContainerImages.prepare(demo);
      String id = DockerClientFactory.instance().client().inspectImageCmd(image).exec().getId();
      assertThat(image).startsWith("ipcspec/plugin-dockerfile-demo:");
      assertThat(ContainerImages.prepare(demo)).as("built once, then reused").isEqualTo(image);
      assertThat(DockerClientFactory.instance().client().inspectImageCmd(image).exec().getId()).isEqualTo(id);

      VerificationResult result = Verification.of(demo).withOutput(out.resolve("dockerfile"))
          .withWorkRoot(workRoot).withTags("@FIFO-05 or @FIFO-19").withIsolation(Isolation.CONTAINER).run();
      assertThat(verdicts(result).values()).hasSize(2).containsOnly(Verdict.PASS);
      assertThat(result.isolationCost()).as("the image the agents ran in").startsWith("in " + image + ",");
    } finally {
      for (var image : DockerClientFactory.instance().client().listImagesCmd()
          .withLabelFilter(Map.of(ContainerImages.PLUGIN_LABEL, "dockerfile-demo")).exec()) {
        DockerClientFactory.instance().client().removeImageCmd(image.getId()).withForce(true).exec();
      }
    }

    Files.writeString(plugin.resolve("image/Dockerfile"), "FROM ipcspec/no-such-image:none\n");
    PluginDescriptor missingBase = DescriptorReader.read(plugin);
    assertThatThrownBy(() -> ContainerEngine.unavailableFor(missingBase)).isInstanceOf(HarnessException.class)
        .hasMessageContaining("the Dockerfile of plugin dockerfile-demo").hasMessageContaining("starts from ipcspec/no-such-image:none, which is not on this machine");
    Files.writeString(plugin.resolve("image/Dockerfile"), "FROM " + ContainerLauncher.BASE_IMAGE + "\nRUN exit 3\n");
    PluginDescriptor failingBuild = DescriptorReader.read(plugin);
    assertThatThrownBy(() -> ContainerEngine.unavailableFor(failingBuild)).isInstanceOf(HarnessException.class)
        .hasMessageContaining("the Dockerfile of plugin dockerfile-demo").hasMessageContaining("did not build");
    assertThat(DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
        .withAncestorFilter(List.of(ContainerLauncher.BASE_IMAGE)).exec()).as("containers left by the failed build").isEmpty();
    assertNothingOfTheRunsLeft();
  }

  /** A run stopped from outside (SIGTERM, as Ctrl-C) while its containers and network run leaves none of them. */
  @Test
  void anInterruptedRunLeavesNoContainerNorNetwork() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Bundled.home().resolve("ipcspec").toString(), "verify", "--plugin", "posix",
        "--isolation", "container", "--tags", "@SOCK-32 or @SHM-20 or @SIG-20", "--out", out.resolve("interrupted").toString())
        .redirectOutput(out.resolve("stdout.txt").toFile()).redirectError(out.resolve("stderr.txt").toFile());
    builder.environment().put("TMPDIR", workRoot.toString());
    Process run = builder.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (DockerClientFactory.instance().client().listNetworksCmd().withFilter("label", List.of(ContainerLauncher.RUN_LABEL)).exec().isEmpty()) {
        assertThat(run.isAlive()).as("the run is still under way").isTrue();
        assertThat(System.nanoTime()).as("a network appears within 60 s").isLessThan(deadline);
        Thread.sleep(50);
      }
      run.destroy();
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the run ends once told to").isTrue();
    } finally {
      run.destroyForcibly();
    }
    assertThat(Files.readString(out.resolve("stderr.txt"))).doesNotContain("could not remove");
    assertNothingOfTheRunsLeft();
  }

  private static void assertNothingOfTheRunsLeft() {
    List<Container> left = DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
        .withLabelFilter(List.of(ContainerLauncher.RUN_LABEL)).exec();
    assertThat(left).as("containers left by the run").isEmpty();
    assertThat(DockerClientFactory.instance().client().listNetworksCmd().withFilter("label", List.of(ContainerLauncher.RUN_LABEL)).exec())
        .as("networks left by the run").isEmpty();
  }

  private static Map<String, Verdict> verdicts(VerificationResult result) {
    return result.summary().scenarios().stream().collect(Collectors.toMap(ScenarioResult::id, ScenarioResult::verdict));
  }
}
