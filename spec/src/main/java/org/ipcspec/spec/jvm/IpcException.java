package org.ipcspec.spec.jvm;

/**
 * An operation the system refused. The code is a POSIX errno name ({@code EPIPE}, {@code ENXIO})
 * so the suite can compare implementations in any language.
 */
public class IpcException extends Exception {
  private final String code;

  /** A refusal named {@code code}, with a message for people. */
  public IpcException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** A refusal named {@code code}, with a message for people and the exception that told it. */
  public IpcException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The errno name. */
  public String code() {
    return code;
  }
}
