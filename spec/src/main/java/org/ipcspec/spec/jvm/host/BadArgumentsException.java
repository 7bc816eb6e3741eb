package org.ipcspec.spec.jvm.host;

/** A request whose arguments are missing, mistyped, or name an unknown handle. */
final class BadArgumentsException extends Exception {
  BadArgumentsException(String message) {
    super(message);
  }
}
