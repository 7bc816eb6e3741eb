package org.ipcspec.plugins.jdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ipcspec.plugins.nio.Errno;
import org.ipcspec.spec.jvm.FileRemover;
import org.ipcspec.spec.jvm.IpcException;

/** unlink through Files.delete. */
public final class JdkFileRemover implements FileRemover {
  @Override
  public void unlink(Path path) throws IpcException {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }
}
