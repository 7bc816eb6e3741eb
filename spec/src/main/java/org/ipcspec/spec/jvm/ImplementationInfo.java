package org.ipcspec.spec.jvm;

/** Names the implementation under test; exactly one per JVM plugin, found through ServiceLoader. */
public interface ImplementationInfo {
  /** A human-readable name, shown in reports. */
  String name();

  /** The implementation's version. */
  String version();
}
