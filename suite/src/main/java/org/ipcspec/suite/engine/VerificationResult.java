package org.ipcspec.suite.engine;

import java.nio.file.Path;
import java.util.List;
import org.ipcspec.reports.RunSummary;
import org.ipcspec.reports.ScenarioResult;

/**
 * What a verification found, and where its files are.
 *
 * @param summary the verdicts, as written to {@code summary.json}
 * @param output the output folder
 * @param isolationCost what keeping participants apart cost, for people (empty for processes)
 */
public record VerificationResult(RunSummary summary, Path output, String isolationCost) {

  /** The scenarios that keep this plugin from being certified. */
  public List<ScenarioResult> blocking() {
    return summary.blocking();
  }

  /** See {@link RunSummary#certified()}. */
  public boolean certified() {
    return summary.certified();
  }
}
