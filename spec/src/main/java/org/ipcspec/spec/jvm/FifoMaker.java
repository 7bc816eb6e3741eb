package org.ipcspec.spec.jvm;

import java.nio.file.Path;

/** Capability {@code fifo.create}: create a FIFO in the filesystem. */
public interface FifoMaker {

  /** The system call a creation asks for. */
  enum Call {
    /** mkfifo(3). */
    MKFIFO,
    /** mknod(2) with {@code S_IFIFO}. */
    MKNOD
  }

  /**
   * Creates a FIFO.
   *
   * @param mode permission bits, applied as the call applies them (the umask clears bits)
   */
  void make(Path path, int mode, Call call) throws IpcException;
}
