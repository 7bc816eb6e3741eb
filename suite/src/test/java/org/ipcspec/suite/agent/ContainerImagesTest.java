package org.ipcspec.suite.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerImagesTest {
  @TempDir Path dir;

  @Test
  void theBasesOfADockerfileLeaveOutItsOwnStagesAndScratch() throws Exception {
    Path dockerfile = dir.resolve("Dockerfile");
    Files.writeString(dockerfile, """
        FROM ipcspec/base:bookworm AS build
        RUN make
        from --platform=linux/amd64 debian:bookworm-slim
        FROM build
        FROM scratch
        COPY --from=build /agent /agent
        COPY --from=0 /lib /lib
        COPY --chown=1:1 --from=busybox:stable /bin/sh /bin/sh
        """);
    assertThat(ContainerImages.basesOf(dockerfile)).containsExactly("ipcspec/base:bookworm", "debian:bookworm-slim", "busybox:stable");
  }

  @Test
  void aBuildArgumentInPlaceOfAnImageIsRefused() throws Exception {
    Path dockerfile = dir.resolve("Dockerfile");
    Files.writeString(dockerfile, "ARG BASE=debian\nFROM ${BASE}\n");
    assertThatThrownBy(() -> ContainerImages.basesOf(dockerfile)).isInstanceOf(HarnessException.class).hasMessageContaining("a build argument");
  }

  @Test
  void anImagesNameChangesWithItsBuildFolderItsDockerfileAndItsBases() throws Exception {
    Path dockerfile = dir.resolve("Dockerfile");
    Files.writeString(dockerfile, "FROM ipcspec/base:bookworm\n");
    List<String> bases = List.of("sha256:1");
    String first = ContainerImages.nameOf("demo", dockerfile, bases);
    assertThat(first).matches("ipcspec/plugin-demo:[0-9a-f]{16}");
    assertThat(ContainerImages.nameOf("demo", dockerfile, bases)).isEqualTo(first);
    assertThat(ContainerImages.nameOf("demo", dockerfile, List.of("sha256:2"))).as("a rebuilt base").isNotEqualTo(first);
    Path other = Files.writeString(dir.resolve("Dockerfile.other"), "FROM ipcspec/base:bookworm\n");
    assertThat(ContainerImages.nameOf("demo", other, bases)).as("the other Dockerfile of the folder").isNotEqualTo(first);
    Files.writeString(dir.resolve("agent.sh"), "#!/bin/sh\n");
    assertThat(ContainerImages.nameOf("demo", dockerfile, bases)).as("a file added").isNotEqualTo(first);
  }
}
