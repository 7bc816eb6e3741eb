package org.ipcspec.spec.protocol;

/** The protocol's own error codes; every other code in a response is a POSIX errno name. */
public final class ErrorCodes {
  /** The agent does not implement the operation. */
  public static final String UNSUPPORTED_OP = "UNSUPPORTED_OP";
  /** Arguments missing, of the wrong type, or naming an unknown handle. */
  public static final String BAD_ARGS = "BAD_ARGS";
  /** The agent itself failed. */
  public static final String INTERNAL = "INTERNAL";

  private ErrorCodes() {}

  /** Whether a code is one of the protocol's own rather than an errno name. */
  public static boolean isProtocolCode(String code) {
    return UNSUPPORTED_OP.equals(code) || BAD_ARGS.equals(code) || INTERNAL.equals(code);
  }
}
