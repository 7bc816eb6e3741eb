package org.ipcspec.plugins.agrona;

import java.nio.MappedByteBuffer;
import org.agrona.IoUtil;
import org.ipcspec.spec.jvm.IpcException;

/**
 * The mapping under one of this agent's views of a ring or broadcast buffer. Once unmapped,
 * nothing may touch it (a load from it would fault the JVM), so every call of the view first asks
 * {@link #requireOpen}; the view holds its own lock around both.
 */
final class MappedRegion {
  private final MappedByteBuffer mapped;
  private boolean unmapped;

  MappedRegion(MappedByteBuffer mapped) {
    this.mapped = mapped;
  }

  void requireOpen(String what) throws IpcException {
    if (unmapped) {
      throw new IpcException("EBADF", what + " is closed: unmapped");
    }
  }

  /** Unmaps once; the file and the other processes' mappings stay. */
  void unmap() {
    if (!unmapped) {
      unmapped = true;
      IoUtil.unmap(mapped);
    }
  }
}
