package org.ipcspec.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes and reads {@code summary.json}, a self-test's {@code mutation.json}, a repeated run's {@code repeat.json} and the other JSON reports. */
public final class SummaryJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private SummaryJson() {}

  public static void write(RunSummary summary, Path file) throws IOException {
    writeWhole(summary, file);
  }

  /** Written to a temporary name and moved, so a reader never sees half a file. */
  private static void writeWhole(Object value, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    MAPPER.writeValue(partial.toFile(), value);
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static RunSummary read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), RunSummary.class);
  }

  /** Writes a self-test's {@code mutation.json}, whole or not at all, as {@link #write} does. */
  public static void write(MutationReport report, Path file) throws IOException {
    writeWhole(report, file);
  }

  /** Writes a repeated run's {@code repeat.json}, whole or not at all. */
  public static void write(RepeatReport report, Path file) throws IOException {
    writeWhole(report, file);
  }

  /** Writes any of the report files (a certificate, a matrix) as JSON, whole or not at all. */
  public static void writeValue(Object value, Path file) throws IOException {
    writeWhole(value, file);
  }

  public static <T> T readValue(Path file, Class<T> type) throws IOException {
    return MAPPER.readValue(file.toFile(), type);
  }

  public static RepeatReport readRepeat(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), RepeatReport.class);
  }

  public static MutationReport readMutation(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), MutationReport.class);
  }
}
