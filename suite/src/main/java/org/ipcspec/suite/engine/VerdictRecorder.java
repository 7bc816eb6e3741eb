package org.ipcspec.suite.engine;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import java.util.Optional;
import org.ipcspec.reports.Mechanism;
import org.ipcspec.reports.ScenarioResult;
import org.ipcspec.reports.Verdict;
import org.ipcspec.suite.agent.HarnessException;

/** A Cucumber plugin that turns every finished scenario into a verdict for the current run. */
public final class VerdictRecorder implements ConcurrentEventListener {

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
  }

  private void finished(TestCaseFinished event) {
    CertificationRun.current().record(toResult(event.getTestCase(), event.getResult()));
  }

  private static ScenarioResult toResult(TestCase testCase, Result result) {
    ScenarioTags tags = ScenarioTags.parse(testCase.getTags());
    String id = tags.id() == null ? "?" : tags.id();
    Optional<Mechanism> mechanism = mechanismOf(testCase);
    long millis = result.getDuration().toMillis();
    Outcome outcome = outcomeOf(result);
    String message = messageOf(result);
    // Broken tags already stopped the scenario in its Before hook; a misnamed feature file is caught here.
    if (mechanism.isEmpty()) {
      outcome = Outcome.DID_NOT_RUN;
      message = "feature file " + testCase.getUri() + " is named after no mechanism " + java.util.List.of(Mechanism.values());
    }
    Optional<String> deviation = CertificationRun.current().plugin().deviation(id);
    Verdict verdict = VerdictRules.decide(outcome, deviation);
    if (verdict == Verdict.EXPECTED_FAIL) {
      message = "declared deviation: " + deviation.get() + "\nobserved: " + message;
    } else if (verdict == Verdict.UNEXPECTED_PASS) {
      message = "declared deviation: " + deviation.get() + "\nbut the scenario passed: the declaration is stale";
    }
    return new ScenarioResult(id, mechanism.orElse(null), tags.level(), testCase.getName(), tags.sources(),
        tags.all(), verdict, millis, message);
  }

  private static Optional<Mechanism> mechanismOf(TestCase testCase) {
    String path = testCase.getUri().getSchemeSpecificPart();
    String file = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.feature$", "");
    return Mechanism.byId(file);
  }

  private static Outcome outcomeOf(Result result) {
    Throwable error = result.getError();
    return switch (result.getStatus()) {
      case PASSED -> Outcome.PASSED;
      case FAILED -> error instanceof AssertionError || failedBehaviour(error) != null ? Outcome.FAILED_ASSERTION : Outcome.FAILED_HARNESS;
      case SKIPPED -> error instanceof NotApplicable ? Outcome.NOT_CLAIMED : Outcome.DID_NOT_RUN;
      default -> Outcome.DID_NOT_RUN;
    };
  }

  /**
   * The behaviour an agent failed when the harness could not go on because of it: an agent killed
   * by a signal it had set to catch did not crash, it did not do what it said.
   */
  private static AssertionError failedBehaviour(Throwable error) {
    return error instanceof HarnessException && error.getCause() instanceof AssertionError failure ? failure : null;
  }

  private static String messageOf(Result result) {
    Throwable error = result.getError();
    return switch (result.getStatus()) {
      case PASSED -> "";
      case FAILED, SKIPPED -> {
        if (error == null) {
          yield result.getStatus() == io.cucumber.plugin.event.Status.SKIPPED ? "the scenario was skipped" : "failed without an error";
        }
        if (failedBehaviour(error) != null) {
          yield failedBehaviour(error).getMessage() + " (" + error.getMessage() + ")";
        }
        if (error instanceof AssertionError || error instanceof HarnessException || error instanceof NotApplicable) {
          yield String.valueOf(error.getMessage());
        }
        yield "unexpected " + error;
      }
      case UNDEFINED -> "a step has no step definition: the feature uses words the suite does not know";
      case PENDING -> "a step is pending: its definition is not written yet";
      case AMBIGUOUS -> "a step matches several step definitions";
      default -> "the scenario did not run (" + result.getStatus() + ")";
    };
  }
}
