package org.ipcspec.plugins.jdk;

import org.ipcspec.spec.jvm.IpcException;

/** What an SPI call answered, as the protocol would say it: "ok" or the errno name. */
final class ErrorCodes {
  private ErrorCodes() {}

  interface Call {
    void run() throws IpcException;
  }

  static String of(Call call) {
    try {
      call.run();
      return "ok";
    } catch (IpcException e) {
      return e.code();
    }
  }
}
