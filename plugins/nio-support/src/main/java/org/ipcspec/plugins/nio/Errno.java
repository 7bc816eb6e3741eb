package org.ipcspec.plugins.nio;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Map;
import org.ipcspec.spec.jvm.IpcException;

/**
 * The JDK (and junixsocket after it) reports system errors as exceptions whose messages carry strerror's text; this maps
 * them back to errno names. An error it cannot name is reported as INTERNAL, never guessed.
 *
 * <p>Where the JDK has an exception class for an error, the class decides ({@link
 * NoSuchFileException} is ENOENT whatever its message, which is the path). Otherwise the message
 * does: it contains strerror(3)'s text ("Address already in use"), sometimes with more words after
 * it. Texts are tried longest first, so that "No such device or address" (ENXIO) is not taken for
 * "No such device" (ENODEV).
 */
public final class Errno {
  /** strerror(3) texts of glibc, and the JDK's own words where it replaces them. */
  private static final List<Map.Entry<String, String>> STRERROR = sortedLongestFirst(Map.ofEntries(
      Map.entry("No such file or directory", "ENOENT"),
      Map.entry("Broken pipe", "EPIPE"),
      Map.entry("Bad file descriptor", "EBADF"),
      Map.entry("No such device or address", "ENXIO"),
      Map.entry("No such device", "ENODEV"),
      Map.entry("Resource temporarily unavailable", "EAGAIN"),
      Map.entry("Permission denied", "EACCES"),
      Map.entry("File exists", "EEXIST"),
      Map.entry("Is a directory", "EISDIR"),
      Map.entry("Not a directory", "ENOTDIR"),
      Map.entry("Directory not empty", "ENOTEMPTY"),
      Map.entry("Interrupted system call", "EINTR"),
      Map.entry("Operation not permitted", "EPERM"),
      Map.entry("Invalid argument", "EINVAL"),
      Map.entry("Illegal seek", "ESPIPE"),
      Map.entry("Too many open files", "EMFILE"),
      Map.entry("Too many levels of symbolic links", "ELOOP"),
      Map.entry("File name too long", "ENAMETOOLONG"),
      Map.entry("No space left on device", "ENOSPC"),
      Map.entry("Read-only file system", "EROFS"),
      Map.entry("Cannot allocate memory", "ENOMEM"),
      Map.entry("Address already in use", "EADDRINUSE"),
      Map.entry("Cannot assign requested address", "EADDRNOTAVAIL"),
      Map.entry("Connection refused", "ECONNREFUSED"),
      // The JDK writes "Connection reset" for ECONNRESET on a socket read, strerror(3) "Connection
      // reset by peer": the shorter text matches both.
      Map.entry("Connection reset", "ECONNRESET"),
      Map.entry("Connection timed out", "ETIMEDOUT"),
      Map.entry("Network is unreachable", "ENETUNREACH"),
      Map.entry("No route to host", "EHOSTUNREACH"),
      Map.entry("Transport endpoint is not connected", "ENOTCONN"),
      Map.entry("Transport endpoint is already connected", "EISCONN"),
      Map.entry("Address family not supported by protocol", "EAFNOSUPPORT"),
      Map.entry("Operation not supported", "EOPNOTSUPP"),
      Map.entry("Message too long", "EMSGSIZE"),
      Map.entry("No buffer space available", "ENOBUFS"),
      Map.entry("Socket operation on non-socket", "ENOTSOCK"),
      // The JDK's own text when a UNIX-domain path does not fit sun_path (108 bytes on Linux): it
      // refuses before any system call, for the reason ENAMETOOLONG names.
      Map.entry("Unix domain path too long", "ENAMETOOLONG"),
      Map.entry("Stream closed", "EBADF")));

  private Errno() {}

  /** The errno name of a library's exception, or INTERNAL when none can be told. */
  public static IpcException of(IOException e) {
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
    if (e instanceof NotDirectoryException) {
      return new IpcException("ENOTDIR", e.getMessage(), e);
    }
    if (e instanceof DirectoryNotEmptyException) {
      return new IpcException("ENOTEMPTY", e.getMessage(), e);
    }
    if (e instanceof FileSystemLoopException) {
      return new IpcException("ELOOP", e.getMessage(), e);
    }
    if (e instanceof PortUnreachableException) {
      // ICMP port unreachable, which a connected UDP socket's next call reports as ECONNREFUSED;
      // the JDK's exception has no message at all.
      return new IpcException("ECONNREFUSED", "PortUnreachableException: the peer's port answered ICMP port unreachable", e);
    }
    String message = String.valueOf(e.getMessage());
    for (Map.Entry<String, String> known : STRERROR) {
      if (message.contains(known.getKey())) {
        return new IpcException(known.getValue(), message, e);
      }
    }
    return new IpcException("INTERNAL", "no errno name for " + e, e);
  }

  private static List<Map.Entry<String, String>> sortedLongestFirst(Map<String, String> texts) {
    return texts.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()))
        .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
        .toList();
  }
}
