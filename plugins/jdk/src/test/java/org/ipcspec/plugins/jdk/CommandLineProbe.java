package org.ipcspec.plugins.jdk;

import org.ipcspec.spec.jvm.IpcException;

/** Prints the command line {@link JdkChildProcesses} would start a child agent with. */
public final class CommandLineProbe {
  private CommandLineProbe() {}

  public static void main(String[] args) {
    try {
      System.out.println("command " + JdkChildProcesses.agentCommand());
    } catch (IpcException e) {
      System.out.println(e.code() + " " + e.getMessage());
    }
  }
}
