package org.ipcspec.plugins.jdk;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.IpcException;
import org.ipcspec.spec.jvm.Mapping;
import org.ipcspec.spec.jvm.OpenAccess;
import org.ipcspec.spec.jvm.OpenFlags;
import org.ipcspec.spec.jvm.Pipes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mappings through FileChannel.map and direct buffers, ftruncate, and the faults of mapped memory. */
class JdkMemoryMappingTest {
  private static final int PAGE = 4096;

  @TempDir Path dir;
  private final JdkRegularFiles files = new JdkRegularFiles();
  private final JdkMemoryMapping mmap = new JdkMemoryMapping();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  /** Opens the file, creating it when the access includes writing (the JDK creates nothing for a read-only open). */
  private Endpoint file(String name, OpenAccess access) throws IpcException {
    Endpoint file = files.open(dir.resolve(name), new OpenFlags(access, true, false, 0600));
    toClose.add(file::close);
    return file;
  }

  private Mapping keep(Mapping mapping) {
    toClose.add(mapping::close);
    return mapping;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(US_ASCII);
  }

  @Test
  void storesIntoASharedMappingReachTheFileAndOtherMappings() throws Exception {
    Endpoint file = file("f", OpenAccess.READ_WRITE);
    mmap.truncate(file, 2 * PAGE);
    Mapping one = keep(mmap.map(file, 0, 2 * PAGE, true, true));
    Mapping other = keep(mmap.map(file("f", OpenAccess.READ_WRITE), PAGE, PAGE, true, true));

    one.write(PAGE + 10, bytes("page two"));

    assertThat(new String(other.read(10, 8), US_ASCII)).isEqualTo("page two");
    assertThat(Files.readAllBytes(dir.resolve("f"))).hasSize(2 * PAGE);
    assertThat(new String(Files.readAllBytes(dir.resolve("f")), PAGE + 10, 8, US_ASCII)).isEqualTo("page two");
  }

  @Test
  void storesIntoAPrivateMappingStayInIt() throws Exception {
    Endpoint file = file("f", OpenAccess.READ_WRITE);
    mmap.truncate(file, PAGE);
    Mapping shared = keep(mmap.map(file, 0, PAGE, true, true));
    Mapping mine = keep(mmap.map(file, 0, PAGE, true, false));

    mine.write(0, bytes("private"));

    assertThat(new String(mine.read(0, 7), US_ASCII)).isEqualTo("private");
    assertThat(shared.read(0, 7)).containsOnly(0);
  }

  @Test
  void aPageBeyondTheEndOfTheFileFaultsWithSigbusEveryTimeAndNeverElsewhere() throws Exception {
    Endpoint file = file("f", OpenAccess.READ_WRITE);
    mmap.truncate(file, 2 * PAGE);
    Mapping mapping = keep(mmap.map(file, 0, 2 * PAGE, true, true));
    mmap.truncate(file, 10);

    IpcException fault = catching(() -> mapping.read(PAGE + 5, 16));
    assertThat(fault.code()).isEqualTo("SIGBUS");
    assertThat(fault.getMessage()).contains("InternalError", "unsafe memory access");
    assertThat(mapping.read(100, 4)).as("the rest of the last page of the file reads as zeros").containsOnly(0);
    // HotSpot raises the error asynchronously; the agent makes it arrive in the access that faulted.
    for (int i = 0; i < 2000; i++) {
      assertThat(ErrorCodes.of(() -> mapping.read(PAGE + 1, 8))).isEqualTo("SIGBUS");
      assertThat(ErrorCodes.of(() -> mapping.read(0, 8))).isEqualTo("ok");
      assertThat(ErrorCodes.of(() -> mapping.write(PAGE + 100, bytes("x")))).isEqualTo("SIGBUS");
      assertThat(ErrorCodes.of(() -> mapping.write(1, bytes("y")))).isEqualTo("ok");
    }
  }

  @Test
  void aStoreIntoAMappingForReadingIsRefusedAsSigsegv() throws Exception {
    Endpoint file = file("f", OpenAccess.READ_WRITE);
    mmap.truncate(file, PAGE);
    Mapping readOnly = keep(mmap.map(file, 0, PAGE, false, true));
    Mapping anonymous = keep(mmap.mapAnonymous(PAGE, false, false));

    IpcException refused = catching(() -> readOnly.write(0, bytes("x")));
    assertThat(refused.code()).isEqualTo("SIGSEGV");
    assertThat(refused.getMessage()).contains("ReadOnlyBufferException");
    assertThat(ErrorCodes.of(() -> anonymous.write(0, bytes("x")))).isEqualTo("SIGSEGV");
    assertThat(anonymous.read(0, 16)).containsOnly(0);
  }

  @Test
  void theDescriptorsAccessLimitsTheMapping() throws Exception {
    Endpoint writeOnly = file("f", OpenAccess.WRITE);
    Endpoint readOnly = file("f", OpenAccess.READ);
    mmap.truncate(writeOnly, PAGE);

    assertThat(ErrorCodes.of(() -> mmap.map(writeOnly, 0, PAGE, false, true))).isEqualTo("EACCES");
    assertThat(ErrorCodes.of(() -> mmap.map(readOnly, 0, PAGE, true, true))).isEqualTo("EACCES");
    assertThat(ErrorCodes.of(() -> keep(mmap.map(readOnly, 0, PAGE, false, false)))).isEqualTo("ok");
    // mmap(2) maps a read-only descriptor MAP_PRIVATE with PROT_WRITE; the JDK wants a writable channel.
    assertThatThrownBy(() -> mmap.map(readOnly, 0, PAGE, true, false)).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("MapMode.PRIVATE");
  }

  @Test
  void mappingBeyondTheEndOfTheFileMakesTheJdkExtendTheFile() throws Exception {
    Endpoint file = file("f", OpenAccess.READ_WRITE);
    Endpoint readOnly = file("f", OpenAccess.READ);

    Mapping mapping = keep(mmap.map(file, 0, 3 * PAGE, true, true));

    // mmap(2) would leave the file empty and fault with SIGBUS; the JDK ftruncates it first.
    assertThat(Files.size(dir.resolve("f"))).isEqualTo(3 * PAGE);
    assertThat(mapping.read(2 * PAGE, 4)).containsOnly(0);
    assertThatThrownBy(() -> mmap.map(readOnly, 0, 4 * PAGE, false, true)).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("cannot extend file");
  }

  @Test
  void theJdkAcceptsAnOffsetThatIsNoMultipleOfThePageAndAnEmptyMapping() throws Exception {
    Endpoint file = file("f", OpenAccess.READ_WRITE);
    file.write(bytes("0123456789"));

    Mapping unaligned = keep(mmap.map(file, 3, 5, false, true));
    Mapping empty = keep(mmap.map(file, 0, 0, false, true));

    // mmap(2) answers EINVAL to both.
    assertThat(new String(unaligned.read(0, 5), US_ASCII)).isEqualTo("34567");
    assertThat(empty.size()).isZero();
  }

  @Test
  void truncateGrowsWithZerosAndShrinksLeavingThePositionAlone() throws Exception {
    Endpoint file = file("f", OpenAccess.READ_WRITE);
    file.write(bytes("abc"));

    mmap.truncate(file, 10000);
    assertThat(Files.size(dir.resolve("f"))).isEqualTo(10000);
    assertThat(file.write(bytes("d"))).isEqualTo(1);
    byte[] content = Files.readAllBytes(dir.resolve("f"));
    assertThat(new String(content, 0, 4, US_ASCII)).isEqualTo("abcd");
    assertThat(java.util.Arrays.copyOfRange(content, 4, 10000)).containsOnly(0);

    mmap.truncate(file, 2);
    assertThat(Files.readString(dir.resolve("f"))).isEqualTo("ab");
  }

  @Test
  void truncateNeedsAFileOpenForWritingAndMapAFileEinvalAndEnodev() throws Exception {
    Pipes.Ends pipe = new JdkPipes().create();
    toClose.add(pipe.read()::close);
    toClose.add(pipe.write()::close);

    file("f", OpenAccess.WRITE);
    assertThat(ErrorCodes.of(() -> mmap.truncate(file("f", OpenAccess.READ), 10))).isEqualTo("EINVAL");
    assertThat(ErrorCodes.of(() -> mmap.truncate(pipe.write(), 10))).isEqualTo("EINVAL");
    assertThat(ErrorCodes.of(() -> mmap.map(pipe.read(), 0, PAGE, false, true))).isEqualTo("ENODEV");
  }

  @Test
  void closeUnmapsAtOnceAndTheMappingOutlivesItsDescriptor() throws Exception {
    Endpoint file = files.open(dir.resolve("mapped-file"), new OpenFlags(OpenAccess.READ_WRITE, true, false, 0600));
    mmap.truncate(file, PAGE);
    Mapping mapping = mmap.map(file, 0, PAGE, true, true);
    file.close();
    mapping.write(0, bytes("still here"));
    assertThat(mappedHere("mapped-file")).isTrue();

    mapping.close();

    assertThat(mappedHere("mapped-file")).as("munmap(2) through Unsafe.invokeCleaner").isFalse();
    assertThat(Files.readString(dir.resolve("mapped-file"))).startsWith("still here");
    assertThat(ErrorCodes.of(() -> mapping.read(0, 1))).isEqualTo("EINVAL");
  }

  private boolean mappedHere(String name) throws Exception {
    return Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(line -> line.endsWith(dir.resolve(name).toString()));
  }

  @Test
  void anonymousMemoryIsPrivateZeroFilledAndTheJdkHasNoSharedKind() throws Exception {
    Mapping memory = keep(mmap.mapAnonymous(2 * PAGE, true, false));

    assertThat(memory.read(0, 2 * PAGE)).containsOnly(0);
    memory.write(PAGE, bytes("anonymous"));
    assertThat(new String(memory.read(PAGE, 9), US_ASCII)).isEqualTo("anonymous");
    assertThatThrownBy(() -> mmap.mapAnonymous(PAGE, true, true)).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("MAP_SHARED|MAP_ANONYMOUS");
  }

  private static IpcException catching(ErrorCodes.Call call) {
    try {
      call.run();
    } catch (IpcException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }
}
