package org.ipcspec.plugins.jdk;

import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.ProcessTermination;

/**
 * signal.terminate through {@link ProcessHandle}: {@link ProcessHandle#destroy()} sends SIGTERM,
 * {@link ProcessHandle#destroyForcibly()} SIGKILL, and the null signal is {@link
 * ProcessHandle#of(long)} plus {@link ProcessHandle#isAlive()}. That is all the JDK can send:
 * it has no call for SIGUSR1 or any other signal, hence no signal.send.
 *
 * <p>The JDK says less than kill(2): {@code destroy} returns false without a reason, and the
 * probe reads /proc rather than asking kill(2), so it cannot see a permission problem. A child
 * of this JVM that has ended is reaped at once by the JDK, so it is gone (ESRCH) even before
 * anyone waited for it, where a C parent would still see a zombie.
 */
public final class JdkProcessTermination implements ProcessTermination {

  @Override
  public void probe(long pid) throws IpcException {
    find(pid);
  }

  @Override
  public void terminate(long pid) throws IpcException {
    end(pid, ProcessHandle::destroy, "destroy()");
  }

  @Override
  public void kill(long pid) throws IpcException {
    end(pid, ProcessHandle::destroyForcibly, "destroyForcibly()");
  }

  private static void end(long pid, java.util.function.Predicate<ProcessHandle> call, String name) throws IpcException {
    ProcessHandle process = find(pid);
    try {
      requested(process, call.test(process), name);
    } catch (IllegalStateException e) {
      throw new IpcException("EPERM", "the JDK refuses: " + e.getMessage(), e);
    }
  }

  private static ProcessHandle find(long pid) throws IpcException {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .orElseThrow(() -> new IpcException("ESRCH", "no process " + pid + " (ProcessHandle.of found none alive)"));
  }

  private static void requested(ProcessHandle process, boolean requested, String call) throws IpcException {
    if (requested) {
      return;
    }
    if (!process.isAlive()) {
      throw new IpcException("ESRCH", "process " + process.pid() + " ended before the signal could be sent");
    }
    throw new IpcException(
        "EPERM",
        "ProcessHandle." + call + " returned false for the live process " + process.pid()
            + "; the JDK gives no reason (kill(2) refused, most likely for lack of permission)");
  }
}
