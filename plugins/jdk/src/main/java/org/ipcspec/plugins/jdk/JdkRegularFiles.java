package org.ipcspec.plugins.jdk;

import java.nio.file.Path;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.OpenFlags;
import org.ipcspec.spec.jvm.RegularFiles;

/** fs.file through {@link java.nio.channels.FileChannel#open}: see {@link FileEndpoint}. */
public final class JdkRegularFiles implements RegularFiles {
  @Override
  public Endpoint open(Path path, OpenFlags flags) throws IpcException {
    return FileEndpoint.open(path, flags);
  }
}
