package org.ipcspec.suite.engine;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.TestStepStarted;
import org.ipcspec.suite.agent.History;

/**
 * A Cucumber plugin that writes each step of a scenario into its history, and marks the step that
 * failed, so that the history's diagram shows which operations each step made and where it went
 * wrong. Cucumber sends these events on the thread that runs the step, which the scenario's
 * history is bound to.
 */
public final class StepMarks implements ConcurrentEventListener {
  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(TestStepStarted.class, this::started);
    publisher.registerHandlerFor(TestStepFinished.class, this::finished);
  }

  private void started(TestStepStarted event) {
    if (event.getTestStep() instanceof PickleStepTestStep step) {
      History.ofThisThread().ifPresent(h -> h.step("step", step.getStep().getKeyword().trim() + " " + step.getStep().getText()));
    }
  }

  private void finished(TestStepFinished event) {
    if (event.getTestStep() instanceof PickleStepTestStep && event.getResult().getStatus() == Status.FAILED) {
      Throwable error = event.getResult().getError();
      History.ofThisThread().ifPresent(h -> h.step("step-failed", error == null ? "failed" : String.valueOf(error.getMessage())));
    }
  }
}
