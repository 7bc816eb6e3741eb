package org.ipcspec.spec.jvm;

/** Which end of a FIFO an open asks for. */
public enum Access {
  READ,
  WRITE
}
