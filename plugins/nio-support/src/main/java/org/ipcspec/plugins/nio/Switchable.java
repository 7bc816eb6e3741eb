package org.ipcspec.plugins.nio;

import org.ipcspec.spec.jvm.IpcException;

/** An endpoint on a {@link java.nio.channels.SelectableChannel}, whose O_NONBLOCK can be switched. */
public interface Switchable {

  /** Sets ({@code on}) or clears O_NONBLOCK: {@code configureBlocking(!on)}. */
  void setNonBlocking(boolean on) throws IpcException;
}
