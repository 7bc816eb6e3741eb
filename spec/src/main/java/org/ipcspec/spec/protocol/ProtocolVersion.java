package org.ipcspec.spec.protocol;

/** The protocol version this build speaks. */
public final class ProtocolVersion {
  /** Changes only for an incompatible change; operations are added without changing it. */
  public static final int CURRENT = 1;

  private ProtocolVersion() {}
}
