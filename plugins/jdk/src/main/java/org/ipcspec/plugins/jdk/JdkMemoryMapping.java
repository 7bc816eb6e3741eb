package org.ipcspec.plugins.jdk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import org.ipcspec.plugins.nio.Errno;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.Mapping;
import org.ipcspec.spec.jvm.MemoryMapping;

/**
 * mmap through {@link FileChannel#map}, anonymous memory through {@link
 * ByteBuffer#allocateDirect}, ftruncate through {@link FileChannel#truncate} and a positional
 * write. What the JDK does differently from mmap(2) and ftruncate(2), found on OpenJDK 17 on Linux
 * (README.md, "Shared memory and mappings"):
 *
 * <ul>
 *   <li>{@code map} of a region that reaches beyond the end of the file first extends the file to
 *       cover it (ftruncate(2), seen with strace), when the channel is writable; when it is not, it
 *       fails ("Channel not open for writing - cannot extend file to required size"). mmap(2)
 *       leaves the file alone, and the pages beyond its end fault with SIGBUS.
 *   <li>{@link FileChannel.MapMode#PRIVATE} needs a channel open for reading and writing, where
 *       mmap(2) maps a read-only descriptor {@code MAP_PRIVATE} with {@code PROT_WRITE}.
 *   <li>A private mapping for reading only is mapped {@link FileChannel.MapMode#READ_ONLY} (the JDK
 *       has no private read-only mode): {@code MAP_SHARED} with {@code PROT_READ}. Nothing can be
 *       stored in either, and Linux shows both the object's later changes, so they look the same.
 *   <li>Any offset is accepted (the JDK maps from the page that holds it), where mmap(2) wants a
 *       multiple of the page size (EINVAL); a size of 0 gives an empty buffer and no mmap(2), where
 *       mmap(2) answers EINVAL. A mapping holds at most 2 GiB - 1 bytes (an {@code int} index).
 *   <li>{@code FileChannel.truncate} only shrinks: "If the given size is greater than or equal to
 *       the file's current size then the file is not modified". To grow, the agent writes one zero
 *       byte at {@code size - 1} with a positional write (pwrite(2)): the same size and the same
 *       zeros as ftruncate(2), and one block (a page of tmpfs) allocated at the end.
 *   <li>Anonymous memory is {@code ByteBuffer.allocateDirect}: zero-filled memory of this process,
 *       which is what {@code MAP_PRIVATE|MAP_ANONYMOUS} gives a process that does not fork. The
 *       JDK cannot fork, and has no {@code MAP_SHARED|MAP_ANONYMOUS}: anonymous shared memory is
 *       UNSUPPORTED_OP.
 * </ul>
 */
public final class JdkMemoryMapping implements MemoryMapping {

  @Override
  public Mapping map(Endpoint object, long offset, long size, boolean writable, boolean shared) throws IpcException {
    if (!(object instanceof FileEndpoint file)) {
      throw new IpcException("ENODEV",
          object + " is not a regular file or a shared memory object: mmap(2) answers ENODEV (the JDK maps FileChannels only)");
    }
    int length = mappable(size);
    FileChannel.MapMode mode = !writable ? FileChannel.MapMode.READ_ONLY
        : shared ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.PRIVATE;
    MappedByteBuffer buffer;
    try {
      buffer = file.channel().map(mode, offset, length);
    } catch (NonReadableChannelException e) {
      throw new IpcException("EACCES", file.path() + " is open for writing only: mmap(2) needs a descriptor open for reading (EACCES)", e);
    } catch (NonWritableChannelException e) {
      if (mode == FileChannel.MapMode.PRIVATE) {
        throw new UnsupportedOperationException(
            "the JDK maps MapMode.PRIVATE only from a channel open for writing (NonWritableChannelException); "
                + "mmap(2) maps a read-only descriptor MAP_PRIVATE with PROT_WRITE");
      }
      throw new IpcException("EACCES",
          file.path() + " is open for reading only: a shared writable mapping needs a descriptor open for writing (EACCES)", e);
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("cannot extend file")) {
        throw new UnsupportedOperationException(
            "the JDK refuses to map beyond the end of a file it cannot extend (" + e.getMessage()
                + "); mmap(2) maps it and faults with SIGBUS on the pages beyond the end");
      }
      throw Errno.of(e);
    }
    return new MappedMemory(buffer, length, file.path().toString());
  }

  @Override
  public Mapping mapAnonymous(long size, boolean writable, boolean shared) throws IpcException {
    if (shared) {
      throw new UnsupportedOperationException(
          "the JDK has no shared anonymous memory (MAP_SHARED|MAP_ANONYMOUS): what it allocates, it cannot share with "
              + "another process, having no fork");
    }
    int length = mappable(size);
    ByteBuffer memory;
    try {
      memory = ByteBuffer.allocateDirect(length);
    } catch (OutOfMemoryError e) {
      throw new IpcException("ENOMEM", "ByteBuffer.allocateDirect(" + length + "): " + e.getMessage(), e);
    }
    return new MappedMemory(memory, writable ? memory : memory.asReadOnlyBuffer(), length, "anonymous memory");
  }

  @Override
  public void truncate(Endpoint object, long size) throws IpcException {
    if (!(object instanceof FileEndpoint file)) {
      throw new IpcException("EINVAL",
          object + " is not a regular file or a shared memory object: ftruncate(2) answers EINVAL (the JDK sizes FileChannels only)");
    }
    if (!file.writable()) {
      throw new IpcException("EINVAL", file.path() + " is not open for writing: ftruncate(2) answers EINVAL");
    }
    FileChannel channel = file.channel();
    try {
      long current = channel.size();
      if (size < current) {
        channel.truncate(size); // ftruncate(2)
      } else if (size > current) {
        // FileChannel.truncate does not grow a file: one zero byte at the new end, by pwrite(2),
        // leaves the channel's position where it was.
        channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
      }
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  private static int mappable(long size) {
    if (size > Integer.MAX_VALUE) {
      throw new UnsupportedOperationException("a MappedByteBuffer holds at most 2 GiB - 1 bytes, not " + size);
    }
    return (int) size;
  }
}
