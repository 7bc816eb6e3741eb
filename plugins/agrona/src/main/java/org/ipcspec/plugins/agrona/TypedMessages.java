package org.ipcspec.plugins.agrona;

import org.ipcspec.spec.jvm.IpcException;

/**
 * Agrona refuses a message it cannot take with IllegalArgumentException, whose text says why; the
 * texts of Agrona 2.6 name the errno the protocol asks for. A text of no known reason stays
 * INTERNAL, never guessed.
 */
final class TypedMessages {
  private TypedMessages() {}

  static IpcException refused(IllegalArgumentException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("type id") || message.contains("msgTypeId")) {
      return new IpcException("EINVAL", "Agrona refuses the type: " + message, e);
    }
    if (message.contains("exceeds") || message.contains("maxMsgLength") || message.contains("too long")) {
      return new IpcException("EMSGSIZE", "Agrona refuses the length: " + message, e);
    }
    return new IpcException("INTERNAL", "Agrona refused the message for a reason with no errno name: " + message, e);
  }
}
