package org.ipcspec.spec.jvm;

import java.nio.file.Path;

/** Capability {@code fifo.nonblocking}: open a FIFO with O_NONBLOCK semantics. */
public interface NonBlockingFifos {

  /**
   * open(2) of the FIFO with {@code O_NONBLOCK}: a reader opens at once, a writer without reader
   * fails with {@code ENXIO}.
   */
  Endpoint openNonBlocking(Path path, Access access) throws IpcException;
}
