package org.ipcspec.suite.agent;

import java.io.IOException;
import java.nio.file.Path;

/** Each agent a plain process of this machine, as another user when the spec says so. */
final class ProcessLauncher implements AgentLauncher {
  @Override
  public AgentProcess launch(LaunchSpec spec) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(spec.user() == null ? spec.command() : spec.user().wrap(spec.command()))
        .directory(spec.workingDirectory().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(spec.stdout().toFile())
        .redirectError(spec.stderr().toFile());
    builder.environment().putAll(spec.environment());
    return HostProcess.started(builder.start());
  }
}
