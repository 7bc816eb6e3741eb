package org.ipcspec.spec.jvm;

/**
 * An operation the system refused. The code is a POSIX errno name ({@code EPIPE}, {@code ENXIO})
 * so the suite can compare implementations in any language.
 */
public class IpcException extends Exception {
  private final String code;

  public IpcException(String code, String message) {
    super(message);
    this.code = code;
  }

  public IpcException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The errno name. */
  public String code() {
    return code;
  }
}
