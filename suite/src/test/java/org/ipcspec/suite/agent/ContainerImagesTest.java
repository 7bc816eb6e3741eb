package org.ipcspec.suite.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
        """);
    assertThat(ContainerImages.basesOf(dockerfile)).containsExactly("ipcspec/base:bookworm", "debian:bookworm-slim");
  }

  @Test
  void anImagesNameChangesWithTheContentOfItsBuildFolderOnly() throws Exception {
    Path dockerfile = dir.resolve("Dockerfile");
    Files.writeString(dockerfile, "FROM ipcspec/base:bookworm\n");
    String first = ContainerImages.nameOf("demo", dockerfile);
    assertThat(first).matches("ipcspec/plugin-demo:[0-9a-f]{16}");
    assertThat(ContainerImages.nameOf("demo", dockerfile)).isEqualTo(first);
    Files.writeString(dir.resolve("agent.sh"), "#!/bin/sh\n");
    assertThat(ContainerImages.nameOf("demo", dockerfile)).isNotEqualTo(first);
  }
}
