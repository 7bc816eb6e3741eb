package org.ipcspec.suite.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ipcspec.spec.protocol.Capability;
import org.junit.jupiter.api.Test;

class ScenarioTagsTest {

  @Test
  void tagsSayIdLevelSourcesAndRequirements() {
    ScenarioTags tags = ScenarioTags.parse(List.of(
        "@FIFO-03", "@must", "@SEED-FIFO-4", "@fifo(7)", "@requires:fifo", "@requires:fs.stat", "@slow"));
    assertThat(tags.id()).isEqualTo("FIFO-03");
    assertThat(tags.level()).isEqualTo("must");
    assertThat(tags.sources()).containsExactly("SEED-FIFO-4", "fifo(7)");
    assertThat(tags.requires()).containsExactlyInAnyOrder(Capability.FIFO, Capability.FS_STAT);
    assertThat(tags.all()).contains("slow");
    assertThat(tags.problem()).isEmpty();
  }

  @Test
  void aScenarioWithoutIdLevelOrSourceIsBroken() {
    assertThat(ScenarioTags.parse(List.of("@must", "@fifo(7)")).problem()).get().asString().contains("ID tag");
    assertThat(ScenarioTags.parse(List.of("@FIFO-01", "@fifo(7)")).problem()).get().asString().contains("level");
    assertThat(ScenarioTags.parse(List.of("@FIFO-01", "@must")).problem()).get().asString().contains("source");
  }

  @Test
  void anUnknownCapabilityIsBroken() {
    assertThat(ScenarioTags.parse(List.of("@FIFO-01", "@must", "@fifo(7)", "@requires:telepathy")).problem())
        .get().asString().contains("telepathy");
  }

  @Test
  void claimIdsAreSourcesNotScenarioIds() {
    ScenarioTags tags = ScenarioTags.parse(List.of("@SEED-FIFO-5", "@PIPE-02", "@should", "@mkfifo(3)"));
    assertThat(tags.id()).isEqualTo("PIPE-02");
    assertThat(tags.sources()).containsExactly("SEED-FIFO-5", "mkfifo(3)");
  }
}
