package org.ipcspec.spec.jvm;

/**
 * Capability {@code shm.posix}: POSIX named shared memory objects (shm_overview(7)).
 *
 * <p>Operations {@code shm.open} and {@code shm.unlink}. A shared memory object is a file that
 * lives in memory, named by {@code /} and a word, the same in every process of the machine. A new
 * one is empty: it is sized with ftruncate(2) and used through mmap(2), so an implementation of
 * this capability is only useful together with {@link MemoryMapping} (capability {@code mmap}),
 * which serves {@code handle.truncate} and {@code memory.map} on the endpoint opened here.
 */
public interface SharedMemoryObjects {

  /**
   * shm_open(3).
   *
   * @param name {@code /} followed by letters, digits, {@code .}, {@code _} or {@code -} (the
   *     host has checked the form)
   * @param flags {@link OpenAccess#READ} or {@link OpenAccess#READ_WRITE} (shm_open(3) knows no
   *     write-only access; the host has checked), {@code O_CREAT}, {@code O_EXCL} and the mode
   * @throws IpcException {@code ENOENT} when no such object exists and {@code create} is not
   *     asked, {@code EEXIST} when {@code create} and {@code exclusive} are asked and it exists
   */
  Endpoint open(String name, OpenFlags flags) throws IpcException;

  /**
   * shm_unlink(3): removes the name. Processes that have the object open or mapped keep it until
   * they close or unmap it.
   *
   * @throws IpcException {@code ENOENT} when no such object exists
   */
  void unlink(String name) throws IpcException;
}
