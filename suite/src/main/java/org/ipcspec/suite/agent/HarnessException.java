package org.ipcspec.suite.agent;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Something went wrong that says nothing about the behaviour under test: an agent crashed, hung,
 * broke the protocol, or a scenario is itself wrong. A scenario that ends on one is an ERROR,
 * never a FAIL, with one exception: when its cause is an {@link AssertionError}, the harness stopped
 * because the implementation failed the behaviour under test (an agent killed by a signal it had
 * set to catch), and the verdict is FAIL.
 */
public class HarnessException extends RuntimeException {
  public HarnessException(String message) {
    super(message);
  }

  public HarnessException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The harness failure behind a failed future, or one that wraps whatever else it was. */
  public static HarnessException unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof HarnessException h ? h : new HarnessException(cause.toString(), cause);
  }
}
