package org.ipcspec.plugins.jdk;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import org.ipcspec.spec.jvm.IpcException;

/**
 * The JDK reports system errors as exceptions whose messages carry strerror's text; this maps
 * them back to errno names. An error it cannot name is reported as INTERNAL, never guessed.
 */
final class Errno {
  private static final Map<String, String> STRERROR = Map.of(
      "No such file or directory", "ENOENT",
      "Broken pipe", "EPIPE",
      "Bad file descriptor", "EBADF",
      "No such device or address", "ENXIO",
      "Resource temporarily unavailable", "EAGAIN",
      "Permission denied", "EACCES",
      "File exists", "EEXIST",
      "Is a directory", "EISDIR",
      "Interrupted system call", "EINTR");

  private Errno() {}

  static IpcException of(IOException e) {
    if (e instanceof NoSuchFileException) {
      return new IpcException("ENOENT", e.getMessage(), e);
    }
    if (e instanceof FileAlreadyExistsException) {
      return new IpcException("EEXIST", e.getMessage(), e);
    }
    if (e instanceof AccessDeniedException) {
      return new IpcException("EACCES", e.getMessage(), e);
    }
    String message = String.valueOf(e.getMessage());
    for (Map.Entry<String, String> known : STRERROR.entrySet()) {
      if (message.contains(known.getKey())) {
        return new IpcException(known.getValue(), message, e);
      }
    }
    return new IpcException("INTERNAL", "no errno name for " + e, e);
  }
}
