package org.ipcspec.spec.jvm;

/**
 * Capability {@code mmap}: map an object (a regular file, a shared memory object) or anonymous
 * memory into the agent's address space, load from and store into it, and size objects with
 * ftruncate(2).
 *
 * <p>Operations {@code memory.map}, {@code memory.read} and {@code memory.write} (on the {@link
 * Mapping}), and {@code handle.truncate}. The endpoints this takes come from any capability of the
 * same plugin ({@code fs.file}, {@code shm.posix}...); for one it cannot map or size (a pipe, a
 * socket), it answers what the system answers ({@code ENODEV}, {@code EINVAL}).
 */
public interface MemoryMapping {

  /**
   * mmap(2) of {@code size} bytes of the endpoint's object from {@code offset}. The mapping stays
   * when the endpoint is closed.
   *
   * @param writable {@code PROT_READ|PROT_WRITE}; false: {@code PROT_READ} only
   * @param shared {@code MAP_SHARED}: stores reach the object and every process mapping it; false:
   *     {@code MAP_PRIVATE}, stores stay in this mapping (copy-on-write)
   * @throws IpcException {@code EACCES} when the descriptor's access does not allow the
   *     protection, {@code ENODEV} when the object cannot be mapped
   * @throws UnsupportedOperationException when the implementation cannot map in this way; the
   *     agent then answers {@code UNSUPPORTED_OP}
   */
  Mapping map(Endpoint object, long offset, long size, boolean writable, boolean shared) throws IpcException;

  /**
   * mmap(2) of {@code size} bytes of anonymous memory ({@code MAP_ANONYMOUS}): zero-filled memory
   * that belongs to no object.
   *
   * @param shared {@code MAP_SHARED}: shared with the children this process forks; false: {@code
   *     MAP_PRIVATE}
   * @throws UnsupportedOperationException when the implementation cannot make such memory (for
   *     example shared anonymous memory); the agent then answers {@code UNSUPPORTED_OP}
   */
  Mapping mapAnonymous(long size, boolean writable, boolean shared) throws IpcException;

  /**
   * ftruncate(2): sets the size of the endpoint's object; bytes added read as zero, and pages of a
   * mapping beyond the new end fault (SIGBUS) when touched.
   *
   * @throws IpcException {@code EINVAL} when the endpoint is not open for writing or is not a
   *     regular file or shared memory object
   */
  void truncate(Endpoint object, long size) throws IpcException;
}
