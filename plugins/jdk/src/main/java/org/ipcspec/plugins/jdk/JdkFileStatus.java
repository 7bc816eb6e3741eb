package org.ipcspec.plugins.jdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ipcspec.plugins.nio.Errno;
import org.ipcspec.spec.jvm.FileStatus;
import org.ipcspec.spec.jvm.FileStatusReader;
import org.ipcspec.spec.jvm.IpcException;

/**
 * stat through the JDK's "unix" attribute view. The portable views only say "other" for a FIFO;
 * the unix view, present in the JDK on Linux and macOS, gives st_mode with its file type bits.
 */
public final class JdkFileStatus implements FileStatusReader {
  private static final int S_IFMT = 0170000;

  @Override
  public FileStatus stat(Path path) throws IpcException {
    try {
      Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,size");
      int mode = (Integer) attributes.get("mode");
      return new FileStatus(type(mode), (Long) attributes.get("size"), mode & 07777);
    } catch (IOException e) {
      throw Errno.of(e);
    } catch (UnsupportedOperationException e) {
      throw new IpcException("INTERNAL", "this JDK has no unix attribute view", e);
    }
  }

  private static String type(int mode) {
    return switch (mode & S_IFMT) {
      case 0010000 -> "fifo";
      case 0020000 -> "char";
      case 0040000 -> "directory";
      case 0060000 -> "block";
      case 0100000 -> "file";
      case 0120000 -> "symlink";
      case 0140000 -> "socket";
      default -> "other";
    };
  }
}
