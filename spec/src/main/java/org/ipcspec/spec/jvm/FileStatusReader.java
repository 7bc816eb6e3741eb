package org.ipcspec.spec.jvm;

import java.nio.file.Path;

/** Capability {@code fs.stat}: the type, size and permission bits of a path. */
public interface FileStatusReader {
  FileStatus stat(Path path) throws IpcException;
}
