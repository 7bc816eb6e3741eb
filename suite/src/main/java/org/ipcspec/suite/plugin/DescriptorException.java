package org.ipcspec.suite.plugin;

import java.nio.file.Path;

/** A descriptor that cannot be used; the message names the file and the field. */
public class DescriptorException extends Exception {
  public DescriptorException(Path file, String field, String problem) {
    super(file + ": field '" + field + "': " + problem);
  }

  public DescriptorException(String message) {
    super(message);
  }
}
