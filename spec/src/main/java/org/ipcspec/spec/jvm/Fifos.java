package org.ipcspec.spec.jvm;

import java.nio.file.Path;

/** Capability {@code fifo}: open an existing FIFO by its path, blocking until the other end opens. */
public interface Fifos {
  Endpoint open(Path path, Access access) throws IpcException;
}
