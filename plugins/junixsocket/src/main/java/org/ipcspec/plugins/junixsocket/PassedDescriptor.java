package org.ipcspec.plugins.junixsocket;

import java.io.FileDescriptor;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;

/** A descriptor that came with SCM_RIGHTS: reads and writes go to its FileChannel. */
final class PassedDescriptor implements Endpoint {
  private final FileDescriptor descriptor;
  private final Endpoint io;

  PassedDescriptor(FileDescriptor descriptor, Endpoint io) {
    this.descriptor = descriptor;
    this.io = io;
  }

  /** The descriptor, to pass it on. */
  FileDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public int write(byte[] data) throws IpcException {
    return io.write(data);
  }

  @Override
  public byte[] read(int max) throws IpcException {
    return io.read(max);
  }

  @Override
  public void close() throws IpcException {
    io.close();
  }
}
