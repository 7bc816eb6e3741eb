package org.ipcspec.spec.jvm;

import java.nio.file.Path;

/** Capability {@code fifo.nonblocking}: open a FIFO with O_NONBLOCK semantics. */
public interface NonBlockingFifos {
  Endpoint openNonBlocking(Path path, Access access) throws IpcException;
}
