package org.ipcspec.spec.jvm;

import java.nio.file.Path;

/** Capability {@code fs.unlink}: remove a name from the filesystem. */
public interface FileRemover {

  /** unlink(2) of the path. */
  void unlink(Path path) throws IpcException;
}
