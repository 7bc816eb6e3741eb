package org.ipcspec.plugins.agrona;

import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.ipcspec.spec.jvm.ImplementationInfo;

/** Names Agrona and the version its jar states. */
public final class AgronaImplementation implements ImplementationInfo {
  @Override
  public String name() {
    return "Agrona on JDK " + Runtime.version().feature();
  }

  @Override
  public String version() {
    String version = ManyToOneRingBuffer.class.getPackage().getImplementationVersion();
    return version != null ? version : "unknown (the jar states none)";
  }
}
