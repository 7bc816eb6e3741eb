package org.ipcspec.reports;

import java.util.List;

/**
 * The verdict on one scenario.
 *
 * @param id the scenario's ID tag without {@code @}, e.g. {@code FIFO-03}
 * @param mechanism the IPC method it belongs to
 * @param level {@code must}, {@code should} or {@code may}
 * @param title the scenario's name
 * @param sources the claims and manual pages it encodes
 * @param tags all its tags, without {@code @}
 * @param verdict the verdict
 * @param durationMs how long it ran
 * @param message why, for every verdict but PASS: the failed expectation, the error, the deviation's reason
 */
public record ScenarioResult(
    String id,
    Mechanism mechanism,
    String level,
    String title,
    List<String> sources,
    List<String> tags,
    Verdict verdict,
    long durationMs,
    String message) {

  public ScenarioResult {
    sources = List.copyOf(sources);
    tags = List.copyOf(tags);
    message = message == null ? "" : message;
  }
}
