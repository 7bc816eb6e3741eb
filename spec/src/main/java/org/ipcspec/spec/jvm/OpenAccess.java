package org.ipcspec.spec.jvm;

/** The access mode of open(2), shm_open(3) and mq_open(3). */
public enum OpenAccess {
  /** {@code O_RDONLY}. */
  READ,
  /** {@code O_WRONLY}. */
  WRITE,
  /** {@code O_RDWR}. */
  READ_WRITE;

  /** Whether the mode allows reading. */
  public boolean readable() {
    return this != WRITE;
  }

  /** Whether the mode allows writing. */
  public boolean writable() {
    return this != READ;
  }
}
