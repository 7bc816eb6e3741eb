package org.ipcspec.plugins.agrona;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.agrona.BitUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.ipcspec.spec.jvm.IpcException;

/**
 * The files rings and broadcast buffers live in, mapped through Agrona's {@link IoUtil}: {@code
 * mapNewFile} creates a file exclusively (CREATE_NEW), sizes and zeroes it and maps it, {@code
 * mapExistingFile} maps one whole. Agrona rethrows the JDK's IOException without declaring it.
 */
final class MappedFiles {
  private MappedFiles() {}

  /** What Agrona makes of a mapped buffer: a ring, a transmitter, a receiver. */
  interface Maker<T> {
    T make(UnsafeBuffer buffer, MappedRegion region);
  }

  /**
   * A new file of the capacity and Agrona's trailer of counters, mapped, and what is made on it.
   *
   * @throws IpcException {@code EEXIST}, or {@code EINVAL} for a capacity that is no power of two
   */
  static <T> T create(Path path, int capacity, int trailer, String what, Maker<T> maker) throws IpcException {
    if (!BitUtil.isPowerOfTwo(capacity)) {
      // Agrona's own rule, asked before the file is made and zero-filled, whatever its size.
      throw new IpcException("EINVAL", "Agrona makes a " + what + " of a power of two bytes only, not " + capacity);
    }
    MappedByteBuffer mapped = map(() -> IoUtil.mapNewFile(path.toFile(), (long) capacity + trailer), path);
    try {
      return maker.make(new UnsafeBuffer(mapped), new MappedRegion(mapped));
    } catch (IllegalArgumentException | IllegalStateException e) {
      IoUtil.unmap(mapped);
      delete(path);
      throw new IpcException("EINVAL", "Agrona makes no " + what + " of " + capacity + " bytes: " + e.getMessage(), e);
    }
  }

  /**
   * An existing file, mapped whole, and what is made on it.
   *
   * @throws IpcException {@code ENOENT}, or {@code EINVAL} when the file holds no such buffer
   */
  static <T> T open(Path path, String what, Maker<T> maker) throws IpcException {
    MappedByteBuffer mapped = map(() -> IoUtil.mapExistingFile(path.toFile(), what), path);
    try {
      return maker.make(new UnsafeBuffer(mapped), new MappedRegion(mapped));
    } catch (IllegalArgumentException | IllegalStateException e) {
      IoUtil.unmap(mapped);
      throw new IpcException("EINVAL", path + " holds no " + what + " Agrona can use: " + e.getMessage(), e);
    }
  }

  private static MappedByteBuffer map(Callable<MappedByteBuffer> mapping, Path path) throws IpcException {
    try {
      return mapping.call();
    } catch (FileAlreadyExistsException e) {
      throw new IpcException("EEXIST", path + " exists", e);
    } catch (NoSuchFileException e) {
      throw new IpcException("ENOENT", "no " + path, e);
    } catch (IllegalStateException e) {
      if (String.valueOf(e.getMessage()).startsWith("missing file")) {
        // mapExistingFile checks for the file itself: "missing file for ring : PATH".
        throw new IpcException("ENOENT", "no " + path + " (" + e.getMessage() + ")", e);
      }
      throw new IpcException("INTERNAL", "Agrona could not map " + path + ": " + e, e);
    } catch (Exception e) {
      throw new IpcException("INTERNAL", "Agrona could not map " + path + ": " + e, e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // The scenario's folder goes at its end, and the file with it.
    }
  }
}
