package org.ipcspec.spec.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * A named group of operations that an implementation claims as a whole. A scenario that needs
 * an unclaimed capability is NOT_APPLICABLE for that implementation, never a failure.
 */
public enum Capability {
  FIFO("fifo", "use an existing FIFO by its path: blocking open, read, write, close"),
  FIFO_CREATE("fifo.create", "create a FIFO with mkfifo(3) or mknod(2)"),
  FIFO_NONBLOCKING("fifo.nonblocking", "open, read and write a FIFO with O_NONBLOCK"),
  FS_STAT("fs.stat", "the file type, size and permission bits of a path"),
  FS_UNLINK("fs.unlink", "remove a name from the filesystem");

  private final String id;
  private final String description;

  Capability(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The name used in descriptors, hello messages and scenario tags. */
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public static Optional<Capability> byId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
  }

  @Override
  public String toString() {
    return id;
  }
}
