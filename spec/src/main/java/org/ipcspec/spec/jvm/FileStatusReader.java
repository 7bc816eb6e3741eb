package org.ipcspec.spec.jvm;

import java.nio.file.Path;

/** Capability {@code fs.stat}: the type, size and permission bits of a path. */
public interface FileStatusReader {

  /** stat(2) of the path, following symbolic links. */
  FileStatus stat(Path path) throws IpcException;
}
