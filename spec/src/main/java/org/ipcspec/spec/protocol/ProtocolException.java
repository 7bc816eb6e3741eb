package org.ipcspec.spec.protocol;

/** A line that is not a valid protocol message. The message says what is wrong with it. */
public class ProtocolException extends Exception {
  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }

  public ProtocolException(String message) {
    super(message);
  }
}
