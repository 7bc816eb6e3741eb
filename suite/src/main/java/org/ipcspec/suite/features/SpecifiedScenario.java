package org.ipcspec.suite.features;

import java.util.List;
import org.ipcspec.reports.ManualPage;

/**
 * One scenario of the specification, as written.
 *
 * @param id its ID, such as {@code FIFO-01}
 * @param level {@code must}, {@code should} or {@code may}
 * @param title its name
 * @param description the prose under its name, empty when there is none
 * @param feature the name of its feature
 * @param file the feature file's name, such as {@code fifo.feature}
 * @param line the line of {@code Scenario:} in that file
 * @param steps its steps, keyword and text, as written
 * @param claims the article's claims it encodes ({@code SEED-FIFO-1}...)
 * @param manualPages the manual pages it encodes ({@code fifo(7)}...)
 * @param requires the capabilities it needs (its feature's and its own)
 */
public record SpecifiedScenario(
    String id,
    String level,
    String title,
    String description,
    String feature,
    String file,
    long line,
    List<String> steps,
    List<String> claims,
    List<ManualPage> manualPages,
    List<String> requires) {}
