package org.ipcspec.plugins.junixsocket;

import java.io.FileDescriptor;
import java.io.IOException;
import java.util.List;
import org.ipcspec.plugins.nio.Errno;
import org.ipcspec.plugins.nio.PipeEnd;
import org.ipcspec.spec.jvm.Address;
import org.ipcspec.spec.jvm.DescriptorPassing;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.SocketEndpoint;
import org.newsclub.net.unix.AFUNIXSocketExtensions;
import org.newsclub.net.unix.FileDescriptorAccess;

/**
 * socket.rights through {@code AFUNIXSocketExtensions.setOutboundFileDescriptors}: the descriptors
 * go with the next send, as one sendmsg(2) with SCM_RIGHTS. Received ones come back from {@link
 * JunixSocket#receive}.
 */
public final class JunixsocketDescriptorPassing implements DescriptorPassing {
  @Override
  public int send(SocketEndpoint socket, byte[] data, Address to, List<Endpoint> descriptors) throws IpcException {
    if (!(socket instanceof JunixSocket junix)) {
      throw new UnsupportedOperationException("junixsocket passes descriptors over its own sockets only, not over " + socket);
    }
    FileDescriptor[] passed = new FileDescriptor[descriptors.size()];
    for (int i = 0; i < passed.length; i++) {
      passed[i] = descriptor(descriptors.get(i));
    }
    AFUNIXSocketExtensions extensions = junix.extensions();
    try {
      extensions.setOutboundFileDescriptors(passed);
      return junix.send(data, to);
    } catch (IOException e) {
      throw Errno.of(e);
    } finally {
      // A send that failed must not carry them into the next, unrelated one.
      clearOutbound(extensions);
    }
  }

  private static void clearOutbound(AFUNIXSocketExtensions extensions) {
    try {
      if (extensions.hasOutboundFileDescriptors()) {
        extensions.setOutboundFileDescriptors((FileDescriptor[]) null);
      }
    } catch (IOException e) {
      // Clearing a list makes no system call.
    }
  }

  private static FileDescriptor descriptor(Endpoint endpoint) throws IpcException {
    try {
      if (endpoint instanceof JunixSocket socket) {
        return socket.descriptor();
      }
      if (endpoint instanceof PassedDescriptor passed) {
        return passed.descriptor();
      }
      if (endpoint instanceof PipeEnd pipe && pipe.channel() instanceof FileDescriptorAccess access) {
        return access.getFileDescriptor();
      }
    } catch (IOException e) {
      throw Errno.of(e);
    }
    throw new UnsupportedOperationException("junixsocket passes the descriptors of its own channels (sockets, AFPipe ends, "
        + "descriptors received), not of " + endpoint);
  }
}
