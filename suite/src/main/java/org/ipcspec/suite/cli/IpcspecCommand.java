package org.ipcspec.suite.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ipcspec}: the entry point of the command line. */
@Command(
    name = "ipcspec",
    mixinStandardHelpOptions = true,
    version = "ipcspec 0.1.0 (driver protocol 1)",
    description = "An executable specification of inter-process communication, and a suite that certifies implementations against it.",
    subcommands = {PluginsCommand.class, VerifyCommand.class, SelftestCommand.class, ExplainCommand.class, CompareCommand.class,
        ReportCommand.class,
        CommandLine.HelpCommand.class})
public final class IpcspecCommand implements Runnable {

  /** Exit code for usage and configuration errors. */
  static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The ipcspec checkout: bundled plugins are in its plugins/ folder. */
  static Path home() {
    String home = System.getProperty("ipcspec.home", System.getenv("IPCSPEC_HOME"));
    return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new IpcspecCommand()).execute(args));
  }
}
