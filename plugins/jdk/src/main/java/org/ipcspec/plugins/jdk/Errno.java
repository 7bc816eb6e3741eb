package org.ipcspec.plugins.jdk;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
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
  private static final Map<String, String> STRERROR = Map.ofEntries(
      Map.entry("No such file or directory", "ENOENT"),
      Map.entry("Broken pipe", "EPIPE"),
      Map.entry("Bad file descriptor", "EBADF"),
      Map.entry("No such device or address", "ENXIO"),
      Map.entry("Resource temporarily unavailable", "EAGAIN"),
      Map.entry("Permission denied", "EACCES"),
      Map.entry("File exists", "EEXIST"),
      Map.entry("Is a directory", "EISDIR"),
      Map.entry("Interrupted system call", "EINTR"),
      Map.entry("Operation not permitted", "EPERM"),
      Map.entry("Stream closed", "EBADF"));

  private Errno() {}

  static IpcException of(IOException e) {
    if (e instanceof NoSuchFileException) {
      return new IpcException("ENOENT", e.getMessage(), e);
    }
    if (e instanceof FileAlreadyExistsException) {
      return new IpcException("EEXIST", e.getMessage(), e);
    }
    if (e instanceof ClosedChannelException) {
      // Also AsynchronousCloseException: the channel was closed by another thread while this
      // operation was blocked in it. The descriptor is gone: EBADF.
      return new IpcException("EBADF", "the channel is closed (" + e.getClass().getSimpleName() + ")", e);
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
