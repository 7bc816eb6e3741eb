package org.ipcspec.suite.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What it takes to start one agent: its command and environment, where it runs, where its
 * standard output and error go, and the folders it must reach (the scenario's, the plugin's).
 *
 * @param user another user to run it as, or null
 */
public record LaunchSpec(String participant, List<String> command, Map<String, String> environment,
    Path workingDirectory, Path stdout, Path stderr, Path scenarioDirectory, Path pluginDirectory, OtherUser user) {}
