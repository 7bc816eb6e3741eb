package org.ipcspec.plugins.jdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.ipcspec.plugins.nio.Errno;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.OpenFlags;
import org.ipcspec.spec.jvm.SharedMemoryObjects;

/**
 * shm.posix without shm_open(3): the JDK has no call for it, but on Linux glibc's shm_open(3) is
 * open(2) of {@code /dev/shm/NAME} (NAME without its leading {@code /}) with {@code O_NOFOLLOW}
 * and {@code O_CLOEXEC} added (strace of Python's {@code _posixshmem.shm_open}: {@code
 * openat(AT_FDCWD, "/dev/shm/NAME", O_RDWR|O_CREAT|O_NOFOLLOW|O_CLOEXEC, 0600)}), and shm_unlink(3)
 * is unlink(2) of that path. A {@link java.nio.channels.FileChannel} opened there with {@link
 * LinkOption#NOFOLLOW_LINKS} makes the same open(2) but for {@code O_CLOEXEC} ({@code
 * O_RDWR|O_CREAT|O_NOFOLLOW}; with {@code O_EXCL}, which follows no link anyway, the JDK leaves
 * {@code O_NOFOLLOW} out), and reaches the same objects as a C program's shm_open, so the agent
 * shares memory with agents in any language. The missing {@code O_CLOEXEC} changes nothing for the
 * JDK's own children, in which {@code ProcessBuilder} closes every descriptor but 0, 1 and 2. This holds on Linux with glibc, and is not claimed
 * for anything else: macOS and the BSDs keep shared memory objects out of the filesystem.
 *
 * <p>The JDK's limits on open(2) apply ({@link FileEndpoint}): {@code create} with read-only
 * access does not create (ENOENT), {@code exclusive} with read-only access does not refuse an
 * object that exists.
 */
public final class JdkSharedMemory implements SharedMemoryObjects {
  static final Path SHM_DIRECTORY = Path.of("/dev/shm");

  @Override
  public Endpoint open(String name, OpenFlags flags) throws IpcException {
    return FileEndpoint.open(path(name), flags, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public void unlink(String name) throws IpcException {
    Path path = path(name);
    if (FileEndpoint.isDirectory(path)) {
      // Files.delete would rmdir(2) an empty directory; unlink(2), which shm_unlink(3) is, refuses.
      throw new IpcException("EISDIR", path + " is a directory (unlink(2) answers EISDIR)");
    }
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  /** glibc's name: the directory, then the name without its leading slashes. */
  static Path path(String name) {
    return SHM_DIRECTORY.resolve(name.replaceFirst("^/+", ""));
  }
}
