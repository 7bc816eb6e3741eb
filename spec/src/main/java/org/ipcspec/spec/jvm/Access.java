package org.ipcspec.spec.jvm;

/** Which end of a FIFO an open asks for. */
public enum Access {
  /** The read end: open(2) with {@code O_RDONLY}. */
  READ,
  /** The write end: open(2) with {@code O_WRONLY}. */
  WRITE
}
