package org.ipcspec.spec.jvm;

import java.util.Objects;

/**
 * How open(2), shm_open(3) or mq_open(3) is asked to open a name: the {@code oflag} and {@code
 * mode} arguments.
 *
 * @param access {@code O_RDONLY}, {@code O_WRONLY} or {@code O_RDWR}
 * @param create {@code O_CREAT}: create the object when it does not exist
 * @param exclusive {@code O_EXCL}: with {@code create}, fail with {@code EEXIST} when it exists
 *     (without {@code create} the system decides what it means: usually nothing)
 * @param mode the permission bits of an object being created (0 to 07777), applied as the call
 *     applies them: the umask, inherited from the suite, clears bits
 */
public record OpenFlags(OpenAccess access, boolean create, boolean exclusive, int mode) {
  /** Checks that the access is given and the mode is permission bits. */
  public OpenFlags {
    Objects.requireNonNull(access, "access");
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException("mode must be permission bits (0 to 07777), not " + mode);
    }
  }
}
