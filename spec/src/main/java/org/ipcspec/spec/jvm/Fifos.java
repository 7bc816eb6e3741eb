package org.ipcspec.spec.jvm;

import java.nio.file.Path;

/** Capability {@code fifo}: open an existing FIFO by its path, blocking until the other end opens. */
public interface Fifos {

  /**
   * open(2) of the FIFO with {@code O_RDONLY} or {@code O_WRONLY}: blocks until the other end is
   * open.
   */
  Endpoint open(Path path, Access access) throws IpcException;
}
