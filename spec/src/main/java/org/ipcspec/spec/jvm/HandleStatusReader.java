package org.ipcspec.spec.jvm;

/**
 * Capability {@code handle.stat}: what fstat(2) says of an open endpoint's descriptor.
 *
 * <p>Operation {@code handle.stat}. The result has the fields of {@code stat}: a pipe's ends are
 * of type {@code fifo}.
 */
public interface HandleStatusReader {

  /** fstat(2) of the endpoint. */
  FileStatus stat(Endpoint endpoint) throws IpcException;
}
