package org.ipcspec.plugins.agrona;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.agrona.IoUtil;
import org.ipcspec.spec.jvm.IpcException;

/**
 * The files rings and broadcast buffers live in, mapped through Agrona's {@link IoUtil}: its
 * {@code mapNewFile} sizes and maps a file (and zeroes it), {@code mapExistingFile} maps one
 * whole, {@code unmap} releases the mapping.
 */
final class MappedFiles {
  private MappedFiles() {}

  /**
   * A new file of {@code length} bytes, mapped: {@code mapNewFile} creates it exclusively
   * (CREATE_NEW) and zeroes it. Agrona rethrows the JDK's IOException without declaring it.
   */
  static MappedByteBuffer create(Path path, long length) throws IpcException {
    try {
      return IoUtil.mapNewFile(path.toFile(), length);
    } catch (Exception e) {
      throw failure(e, path);
    }
  }

  /** An existing file, mapped whole. */
  static MappedByteBuffer open(Path path, String what) throws IpcException {
    try {
      return IoUtil.mapExistingFile(path.toFile(), what);
    } catch (Exception e) {
      throw failure(e, path);
    }
  }

  private static IpcException failure(Exception e, Path path) {
    if (e instanceof FileAlreadyExistsException) {
      return new IpcException("EEXIST", path + " exists", e);
    }
    if (e instanceof NoSuchFileException
        || e instanceof IllegalStateException && String.valueOf(e.getMessage()).startsWith("missing file")) {
      // mapExistingFile checks for the file itself: "missing file for ring : PATH".
      return new IpcException("ENOENT", "no " + path + " (" + e.getMessage() + ")", e);
    }
    return new IpcException("INTERNAL", "Agrona could not map " + path + ": " + e, e);
  }

  /** Undoes a {@link #create} whose buffer Agrona then refused. */
  static void discard(MappedByteBuffer mapped, Path path) {
    IoUtil.unmap(mapped);
    delete(path);
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // The scenario's folder goes at its end, and the file with it.
    }
  }
}
