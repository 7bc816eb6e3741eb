package org.ipcspec.plugins.jdk;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.ipcspec.spec.jvm.Endpoint;
import org.ipcspec.spec.jvm.OpenAccess;
import org.ipcspec.spec.jvm.OpenFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regular files through FileChannel.open. */
class JdkRegularFilesTest {
  @TempDir Path dir;
  private final JdkRegularFiles files = new JdkRegularFiles();

  private static OpenFlags flags(OpenAccess access, boolean create, boolean exclusive, int mode) {
    return new OpenFlags(access, create, exclusive, mode);
  }

  @Test
  void aFileCreatedAndWrittenIsReadBackThenEndOfFile() throws Exception {
    Path path = dir.resolve("f");
    Endpoint writer = files.open(path, flags(OpenAccess.WRITE, true, true, 0600));
    assertThat(writer.write("hello".getBytes(US_ASCII))).isEqualTo(5);
    assertThat(writer.write(" world".getBytes(US_ASCII))).isEqualTo(6);
    writer.close();

    Endpoint reader = files.open(path, flags(OpenAccess.READ, false, false, 0600));

    assertThat(new String(reader.read(5), US_ASCII)).isEqualTo("hello");
    assertThat(new String(reader.read(100), US_ASCII)).isEqualTo(" world");
    assertThat(reader.read(100)).isNull();
    reader.close();
  }

  @Test
  void exclusiveCreationOfAnExistingFileIsEexistAndOpeningAMissingOneEnoent() throws Exception {
    Path path = Files.createFile(dir.resolve("f"));

    assertThat(ErrorCodes.of(() -> files.open(path, flags(OpenAccess.READ_WRITE, true, true, 0600)))).isEqualTo("EEXIST");
    assertThat(ErrorCodes.of(() -> files.open(dir.resolve("missing"), flags(OpenAccess.READ_WRITE, false, false, 0600))))
        .isEqualTo("ENOENT");
  }

  @Test
  void theModeIsAppliedAsOpenAppliesItTheUmaskClearingBits() throws Exception {
    // Files.createFile with rwxrwxrwx passes 0777 to open(2) too: what is left is ~umask.
    Path probe = Files.createFile(dir.resolve("probe"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
    int allowed = (Integer) Files.getAttribute(probe, "unix:mode") & 0777;

    files.open(dir.resolve("f"), flags(OpenAccess.WRITE, true, false, 0664)).close();

    assertThat((Integer) Files.getAttribute(dir.resolve("f"), "unix:mode") & 07777).isEqualTo(0664 & allowed);
  }

  @Test
  void theJdkIgnoresCreateAndExclusiveWhenAFileIsOpenedForReadingOnly() throws Exception {
    // open(2) with O_RDONLY|O_CREAT creates the file; the JDK applies CREATE to writes only.
    assertThat(ErrorCodes.of(() -> files.open(dir.resolve("new"), flags(OpenAccess.READ, true, false, 0600)))).isEqualTo("ENOENT");
    assertThat(Files.exists(dir.resolve("new"))).isFalse();
    // open(2) with O_RDONLY|O_CREAT|O_EXCL of an existing file is EEXIST; the JDK opens it.
    Path existing = Files.createFile(dir.resolve("old"));
    assertThat(ErrorCodes.of(() -> files.open(existing, flags(OpenAccess.READ, true, true, 0600)).close())).isEqualTo("ok");
  }

  @Test
  void aDescriptorOpenForOneDirectionRefusesTheOtherEbadf() throws Exception {
    Path path = Files.writeString(dir.resolve("f"), "data");
    Endpoint reader = files.open(path, flags(OpenAccess.READ, false, false, 0600));
    Endpoint writer = files.open(path, flags(OpenAccess.WRITE, false, false, 0600));

    assertThat(ErrorCodes.of(() -> reader.write("x".getBytes(US_ASCII)))).isEqualTo("EBADF");
    assertThat(ErrorCodes.of(() -> writer.read(1))).isEqualTo("EBADF");
    reader.close();
    writer.close();
  }

  @Test
  void aModeWithSetuidSetgidOrStickyBitsCannotBeAskedOfTheJdk() {
    assertThatThrownBy(() -> files.open(dir.resolve("f"), flags(OpenAccess.WRITE, true, false, 04755)))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("PosixFilePermission");
  }

  @Test
  void aClosedFileIsEbadf() throws Exception {
    Endpoint file = files.open(dir.resolve("f"), flags(OpenAccess.READ_WRITE, true, false, 0600));
    file.close();

    assertThat(ErrorCodes.of(() -> file.read(1))).isEqualTo("EBADF");
  }
}
