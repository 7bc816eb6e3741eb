package org.ipcspec.plugins.jdk;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.Mapping;
import org.ipcspec.spec.jvm.OpenAccess;
import org.ipcspec.spec.jvm.OpenFlags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POSIX shared memory objects as files of /dev/shm, shared between mappings, JVMs, and a
 * program that calls glibc's shm_open(3) itself.
 */
class JdkSharedMemoryTest {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final OpenFlags CREATE = new OpenFlags(OpenAccess.READ_WRITE, true, true, 0600);
  private static final OpenFlags READ_WRITE = new OpenFlags(OpenAccess.READ_WRITE, false, false, 0600);

  @TempDir Path dir;
  private final JdkSharedMemory shm = new JdkSharedMemory();
  private final JdkMemoryMapping mmap = new JdkMemoryMapping();
  private final List<String> names = new ArrayList<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void removeEverything() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
    for (String name : names) {
      Files.deleteIfExists(JdkSharedMemory.path(name));
    }
  }

  private String name() {
    String name = "/ipcspec-jdk-test-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet();
    names.add(name);
    return name;
  }

  private Endpoint open(String name, OpenFlags flags) throws Exception {
    Endpoint object = shm.open(name, flags);
    toClose.add(object::close);
    return object;
  }

  private Mapping map(Endpoint object, long size) throws Exception {
    Mapping mapping = mmap.map(object, 0, size, true, true);
    toClose.add(mapping::close);
    return mapping;
  }

  @Test
  void anObjectIsAFileOfDevShmThatUnlinkRemoves() throws Exception {
    String name = name();
    open(name, CREATE);

    assertThat(JdkSharedMemory.path(name)).isEqualTo(Path.of("/dev/shm", name.substring(1)));
    assertThat(Files.isRegularFile(JdkSharedMemory.path(name))).isTrue();
    assertThat(Files.size(JdkSharedMemory.path(name))).as("a new object is empty").isZero();
    assertThat(ErrorCodes.of(() -> shm.open(name, CREATE))).isEqualTo("EEXIST");

    shm.unlink(name);

    assertThat(Files.exists(JdkSharedMemory.path(name))).isFalse();
    assertThat(ErrorCodes.of(() -> shm.unlink(name))).isEqualTo("ENOENT");
    assertThat(ErrorCodes.of(() -> shm.open(name, READ_WRITE))).isEqualTo("ENOENT");
  }

  @Test
  void twoMappingsOfOneObjectShareTheirMemoryAndOutliveTheNameAndTheDescriptors() throws Exception {
    String name = name();
    Endpoint first = open(name, CREATE);
    mmap.truncate(first, 4096);
    Mapping one = map(first, 4096);
    Mapping other = map(open(name, READ_WRITE), 4096);

    shm.unlink(name);
    first.close();
    one.write(100, "shared".getBytes(US_ASCII));

    assertThat(new String(other.read(100, 6), US_ASCII)).isEqualTo("shared");
  }

  @Test
  void anotherJvmSeesTheStoresOfThisOneAndThisOneSeesItsStores() throws Exception {
    String name = name();
    Endpoint object = open(name, CREATE);
    mmap.truncate(object, 4096);
    Mapping mine = map(object, 4096);

    try (ChildJvm other = ChildJvm.start(dir, "", SharedMemoryProbe.class, name, "4096", "2000", "from the other JVM")) {
      other.awaitLine("stored");
      assertThat(new String(mine.read(2000, 18), US_ASCII)).isEqualTo("from the other JVM");
      mine.write(0, "hello".getBytes(US_ASCII));
      other.awaitLine("saw hello");
      assertThat(other.exitValue()).isZero();
    }
  }

  @Test
  void aProgramCallingGlibcsShmOpenReachesTheSameObject() throws Exception {
    String name = name();
    Endpoint object = open(name, CREATE);
    mmap.truncate(object, 4096);
    map(object, 4096).write(0, "jdk!".getBytes(US_ASCII));
    String script = "import os, mmap\n"
        + "from _posixshmem import shm_open\n"
        + "fd = shm_open('" + name + "', os.O_RDWR, 0)\n"
        + "m = mmap.mmap(fd, 4096)\n"
        + "print(m[0:4].decode())\n";

    String printed = python(script);

    assertThat(printed).isEqualTo("jdk!");
  }

  /** What python3 prints; skips the test where there is no python3 with _posixshmem (Python 3.8+). */
  private String python(String script) throws IOException, InterruptedException {
    Process python;
    try {
      python = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "no python3 to call shm_open(3) with: " + e.getMessage());
      throw e;
    }
    assumeTrue(python.waitFor(20, TimeUnit.SECONDS), "python3 did not finish");
    String output = new String(python.getInputStream().readAllBytes(), US_ASCII).trim();
    assumeTrue(!output.contains("No module named '_posixshmem'"), "this python3 has no _posixshmem");
    assertThat(python.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void readOnlyCreationCreatesNothingAsForAnyFileOfTheJdk() {
    String name = name();

    assertThat(ErrorCodes.of(() -> shm.open(name, new OpenFlags(OpenAccess.READ, true, false, 0600)))).isEqualTo("ENOENT");
  }
}
