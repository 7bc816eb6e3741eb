package org.ipcspec.spec.jvm;

import java.nio.file.Path;

/**
 * Capability {@code fs.file}: open or create a regular file, as open(2) does.
 *
 * <p>Operation {@code file.open}. {@code read}, {@code write} and {@code close} then act on the
 * endpoint: one read(2) or write(2) at the file's offset, which each call advances. With {@code
 * mmap}, the endpoint can also be sized ({@link MemoryMapping#truncate}) and mapped ({@link
 * MemoryMapping#map}).
 */
public interface RegularFiles {

  /**
   * open(2) of the path.
   *
   * @throws IpcException {@code ENOENT} when it does not exist and {@code create} is not asked,
   *     {@code EEXIST} when {@code create} and {@code exclusive} are asked and it exists, {@code
   *     EACCES} when the permissions refuse the access
   */
  Endpoint open(Path path, OpenFlags flags) throws IpcException;
}
