package org.ipcspec.plugins.jdk;

import org.ipcspec.spec.jvm.ImplementationInfo;

/** Names the JDK the agent runs on. */
public final class JdkImplementation implements ImplementationInfo {
  @Override
  public String name() {
    return "JDK " + System.getProperty("java.vendor") + " (java.nio)";
  }

  @Override
  public String version() {
    return Runtime.version().toString();
  }
}
