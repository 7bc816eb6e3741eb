package org.ipcspec.spec.jvm;

/**
 * A region of memory mapped into the agent's address space by mmap(2) ({@link MemoryMapping}).
 * The host names it by a handle; {@link #close} is munmap(2).
 *
 * <p>The host checks every access against {@link #size()} before calling, so {@code offset} plus
 * the length is never beyond the mapping. Inside the mapping an access may still fault, on a page
 * beyond the end of the mapped object (SIGBUS) or on a store into a read-only mapping (SIGSEGV):
 * the implementation survives it and throws an {@link IpcException} whose code is the signal's
 * name, {@code SIGBUS} or {@code SIGSEGV}.
 */
public interface Mapping extends Handle {

  /** The length of the mapping in bytes, as it was asked for. */
  long size();

  /**
   * Loads {@code length} bytes from {@code offset}: plain loads from the mapped memory.
   *
   * @throws IpcException {@code SIGBUS} or {@code SIGSEGV} when the access faulted
   */
  byte[] read(long offset, int length) throws IpcException;

  /**
   * Stores the bytes at {@code offset}: plain stores into the mapped memory, no msync(2) and no
   * write(2). Other processes that map the same object shared see them.
   *
   * @throws IpcException {@code SIGBUS} or {@code SIGSEGV} when the access faulted
   */
  void write(long offset, byte[] data) throws IpcException;

  /**
   * munmap(2). The memory is no longer the agent's; the object lives on while others map it or
   * while it has a name.
   */
  @Override
  void close() throws IpcException;
}
