package org.ipcspec.plugins.jdk;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.Mapping;
import sun.misc.Unsafe;

/**
 * A mapping as a direct {@link ByteBuffer}: a {@link java.nio.MappedByteBuffer} of a file or shared
 * memory object, or anonymous memory. Loads and stores are bulk copies between the buffer and a
 * byte array.
 *
 * <p><b>Faults.</b> A load or store on a page of a file mapping beyond the end of the file makes
 * the kernel send SIGBUS (strace: {@code SIGBUS {si_code=BUS_ADRERR}}). HotSpot's signal handler
 * recognises an access made by {@code Unsafe} in a mapped buffer, skips the faulting instruction (a
 * load gives whatever was in the register, 0 in practice) and asks for an <em>asynchronous</em>
 * {@link InternalError}: "a fault occurred in a recent unsafe memory access operation in compiled
 * Java code", or "... in an unsafe memory access operation" from the interpreter. That error is
 * thrown only where the thread next leaves the VM through a runtime call that checks for
 * asynchronous exceptions: not in the access, not on the return from it. It arrives in a later,
 * innocent access, at a loop's safepoint poll outside any {@code try}, or is lost: of 20,000
 * faulting bulk reads in a loop, 12 threw inside their own {@code try}. A program cannot rely on
 * catching it around the access.
 *
 * <p>So every access is followed, inside the same {@code try}, by a two-dimensional array
 * allocation with lengths the compilers cannot know ({@code new byte[one][one]}, {@code one} a
 * volatile field). Neither C1, nor C2, nor the interpreter allocates a multi-dimensional array
 * inline: each calls into the VM (multianewarray), and the return from that call throws the pending
 * error. With it, 200,000 faulting bulk loads out of 200,000 threw in their own {@code try}, and as
 * many faulting bulk stores, while none of the accesses within the file did: interpreted (-Xint),
 * with C1 only (the agent's -XX:TieredStopAtLevel=1), or with C1 and C2. The error is then
 * answered as the signal that caused it: {@code SIGBUS}. HotSpot turns only a SIGBUS into this
 * error; a SIGSEGV in the same kind of access (reading a buffer after it was unmapped) kills the JVM
 * with "A fatal error has been detected by the Java Runtime Environment: SIGSEGV".
 *
 * <p>A store into a mapping for reading only never reaches the memory: the buffer is read-only and
 * {@code put} throws {@link ReadOnlyBufferException}. In C the store faults with SIGSEGV; that is the
 * name answered, with the JDK's reason in the message.
 *
 * <p><b>Unmapping.</b> The JDK's public API has no munmap: a MappedByteBuffer is unmapped when the
 * garbage collector frees it, and direct memory likewise. {@code sun.misc.Unsafe.invokeCleaner}
 * (module jdk.unsupported, like {@code sun.misc.Signal}) runs the buffer's cleaner at once: munmap(2)
 * of a mapping (seen with strace), free of direct memory. {@link #close} calls it, behind a lock
 * that no access holds, since touching the buffer afterwards would crash the JVM. When the
 * unsupported API is not there, close drops the buffer and the memory goes with the next collection.
 */
final class MappedMemory implements Mapping {
  private static final Unsafe UNSAFE = unsafe();
  private static volatile int one = 1;
  private static volatile Object sink;

  /** The buffer the JDK made: what its cleaner is attached to. */
  private final ByteBuffer memory;
  /** What loads and stores go through: the same buffer, or a read-only view of it. */
  private final ByteBuffer view;
  private final long size;
  private final String what;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  MappedMemory(ByteBuffer memory, long size, String what) {
    this(memory, memory, size, what);
  }

  MappedMemory(ByteBuffer memory, ByteBuffer view, long size, String what) {
    this.memory = memory;
    this.view = view;
    this.size = size;
    this.what = what;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public byte[] read(long offset, int length) throws IpcException {
    byte[] data = new byte[length];
    lock.readLock().lock();
    try {
      open();
      try {
        view.get((int) offset, data);
        deliverPendingFault();
      } catch (InternalError e) {
        throw fault(e, "load of " + length + " bytes at " + offset);
      }
      return data;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void write(long offset, byte[] data) throws IpcException {
    lock.readLock().lock();
    try {
      open();
      try {
        view.put((int) offset, data);
        deliverPendingFault();
      } catch (ReadOnlyBufferException e) {
        throw new IpcException("SIGSEGV",
            "the mapping of " + what + " is for reading only: the JDK refuses the store (ReadOnlyBufferException) before it is "
                + "made, where a store into a PROT_READ mapping faults with SIGSEGV", e);
      } catch (InternalError e) {
        throw fault(e, "store of " + data.length + " bytes at " + offset);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      release(memory);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "mapping of " + size + " bytes of " + what;
  }

  private void open() throws IpcException {
    if (closed) {
      throw new IpcException("EINVAL", "the mapping was unmapped");
    }
  }

  /**
   * Makes HotSpot throw, here, the InternalError a faulting access left pending: a runtime call
   * that every execution mode makes (see the class comment).
   */
  private static void deliverPendingFault() {
    sink = new byte[one][one];
    sink = null;
  }

  private IpcException fault(InternalError e, String access) {
    if (!String.valueOf(e.getMessage()).contains("unsafe memory access")) {
      throw e; // not a memory fault: the agent itself failed
    }
    return new IpcException("SIGBUS",
        "the " + access + " of the mapping of " + what + " faulted: HotSpot turned the SIGBUS into InternalError \""
            + e.getMessage() + "\"", e);
  }

  /** munmap(2) now, through sun.misc.Unsafe.invokeCleaner, or at the next collection without it. */
  private static void release(ByteBuffer buffer) {
    if (UNSAFE != null && buffer.isDirect()) {
      UNSAFE.invokeCleaner(buffer);
    }
  }

  /** The one Unsafe, which sun.misc keeps in a private field (the module jdk.unsupported opens it). */
  private static Unsafe unsafe() {
    try {
      Field field = Unsafe.class.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      return (Unsafe) field.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
