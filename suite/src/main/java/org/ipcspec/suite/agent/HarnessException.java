package org.ipcspec.suite.agent;

/**
 * Something went wrong that says nothing about the behaviour under test: an agent crashed, hung,
 * broke the protocol, or a scenario is itself wrong. A scenario that ends on one is an ERROR,
 * never a FAIL.
 */
public class HarnessException extends RuntimeException {
  public HarnessException(String message) {
    super(message);
  }

  public HarnessException(String message, Throwable cause) {
    super(message, cause);
  }
}
