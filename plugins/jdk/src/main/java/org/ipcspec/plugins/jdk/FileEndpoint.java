package org.ipcspec.plugins.jdk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.ipcspec.plugins.nio.ChannelEndpoint;
import org.ipcspec.plugins.nio.Errno;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.OpenFlags;

/**
 * A regular file or a shared memory object, open as a {@link FileChannel}: one read(2) or write(2)
 * per call at the channel's position, which each call advances. {@link JdkMemoryMapping} sizes and
 * maps it.
 *
 * <p>{@link #open} is one open(2), with what the JDK lets a program ask for:
 *
 * <ul>
 *   <li>{@code O_CREAT} and {@code O_EXCL} are {@link StandardOpenOption#CREATE} and {@link
 *       StandardOpenOption#CREATE_NEW}, but the JDK applies them only when the file is opened for
 *       writing: opened for reading only, a file that does not exist is ENOENT even with {@code
 *       create}, and one that exists opens even with {@code exclusive}, where open(2) with {@code
 *       O_RDONLY|O_CREAT} creates it and {@code O_EXCL} answers EEXIST.
 *   <li>The mode is a {@link PosixFilePermission} set, given to open(2) as its mode, so the umask
 *       applies as in C; the set has no set-user-ID, set-group-ID or sticky bit, so a mode with
 *       those (04000, 02000, 01000) cannot be asked for: UNSUPPORTED_OP.
 * </ul>
 */
final class FileEndpoint implements Endpoint {
  private final Path path;
  private final FileChannel channel;
  private final OpenFlags flags;
  /** read(2), write(2) and close(2), as for any FileChannel. */
  private final ChannelEndpoint io;

  private FileEndpoint(Path path, FileChannel channel, OpenFlags flags) {
    this.path = path;
    this.channel = channel;
    this.flags = flags;
    this.io = new ChannelEndpoint(channel, path.toString());
  }

  /** open(2) of the path, with the flags as the JDK can give them; {@code extra} options added. */
  static FileEndpoint open(Path path, OpenFlags flags, OpenOption... extra) throws IpcException {
    Set<OpenOption> options = new HashSet<>(Arrays.asList(extra));
    if (flags.access().readable()) {
      options.add(StandardOpenOption.READ);
    }
    if (flags.access().writable()) {
      options.add(StandardOpenOption.WRITE);
    }
    if (flags.create() && flags.exclusive()) {
      options.add(StandardOpenOption.CREATE_NEW);
    } else if (flags.create()) {
      options.add(StandardOpenOption.CREATE);
    }
    // The mode matters only to a creation; FileChannel.open ignores it otherwise.
    Set<PosixFilePermission> mode = flags.create() ? permissions(flags.mode()) : permissions(0600);
    try {
      return new FileEndpoint(path, FileChannel.open(path, options, PosixFilePermissions.asFileAttribute(mode)), flags);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    if ((mode & ~0777) != 0) {
      throw new UnsupportedOperationException(
          "mode " + Integer.toOctalString(mode) + " has set-user-ID, set-group-ID or sticky bits, which the JDK's "
              + "PosixFilePermission cannot express");
    }
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ (0400) ... OTHERS_EXECUTE (0001)
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        permissions.add(bits[i]);
      }
    }
    return permissions;
  }

  FileChannel channel() {
    return channel;
  }

  Path path() {
    return path;
  }

  /** Whether the descriptor is open for writing. */
  boolean writable() {
    return flags.access().writable();
  }

  @Override
  public int write(byte[] data) throws IpcException {
    return io.write(data);
  }

  @Override
  public byte[] read(int max) throws IpcException {
    return io.read(max);
  }

  @Override
  public void close() throws IpcException {
    io.close();
  }

  /** Whether the path names a directory, without following a symbolic link. */
  static boolean isDirectory(Path path) {
    return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public String toString() {
    return "file " + path;
  }
}
