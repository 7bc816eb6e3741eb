package org.ipcspec.plugins.jdk;

import static java.nio.charset.StandardCharsets.US_ASCII;

import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.Mapping;
import org.ipcspec.spec.jvm.OpenAccess;
import org.ipcspec.spec.jvm.OpenFlags;

/**
 * Another JVM's side of a shared mapping: opens the shared memory object {@code args[0]}, maps its
 * first {@code args[1]} bytes shared, stores {@code args[3]} at offset {@code args[2]}, prints
 * "stored", then prints what it finds at offset 0 once that is no longer zero.
 */
public final class SharedMemoryProbe {
  private SharedMemoryProbe() {}

  public static void main(String[] args) throws Exception {
    Endpoint object = new JdkSharedMemory().open(args[0], new OpenFlags(OpenAccess.READ_WRITE, false, false, 0600));
    Mapping mapping = new JdkMemoryMapping().map(object, 0, Long.parseLong(args[1]), true, true);
    object.close(); // the mapping stays
    mapping.write(Long.parseLong(args[2]), args[3].getBytes(US_ASCII));
    System.out.println("stored");
    long end = System.nanoTime() + 10_000_000_000L;
    while (mapping.read(0, 1)[0] == 0 && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    System.out.println("saw " + new String(mapping.read(0, 5), US_ASCII));
    mapping.close();
  }
}
