package org.ipcspec.suite.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ipcspec.reports.ManualPage;
import org.ipcspec.spec.protocol.Capability;

/**
 * What a scenario's tags say: its ID ({@code @FIFO-03}), level ({@code @must}), sources (claims
 * such as {@code @SEED-FIFO-5} and manual pages such as {@code @fifo(7)}) and the capabilities it
 * needs ({@code @requires:fifo.create}).
 *
 * @param id the scenario ID, or null when the scenario has none
 * @param level must, should or may, or null when missing
 * @param sources claims and manual pages
 * @param requires capabilities needed
 * @param unknownCapabilities {@code @requires:} tags naming no known capability
 * @param all every tag, without {@code @}
 */
public record ScenarioTags(
    String id, String level, List<String> sources, Set<Capability> requires,
    List<String> unknownCapabilities, List<String> all) {

  private static final Pattern ID = Pattern.compile("[A-Z]+-[0-9]+");
  private static final Pattern CLAIM = Pattern.compile("SEED-[A-Z]+-[0-9]+");
  private static final String REQUIRES = "requires:";
  private static final Set<String> LEVELS = Set.of("must", "should", "may");

  /** Parses tags as Cucumber gives them, with or without the leading {@code @}. */
  public static ScenarioTags parse(Collection<String> tags) {
    String id = null;
    String level = null;
    List<String> sources = new ArrayList<>();
    Set<Capability> requires = EnumSet.noneOf(Capability.class);
    List<String> unknown = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (String raw : tags) {
      String tag = raw.startsWith("@") ? raw.substring(1) : raw;
      all.add(tag);
      if (CLAIM.matcher(tag).matches() || ManualPage.parse(tag).isPresent()) {
        sources.add(tag);
      } else if (ID.matcher(tag).matches()) {
        id = tag;
      } else if (LEVELS.contains(tag)) {
        level = tag;
      } else if (tag.startsWith(REQUIRES)) {
        String name = tag.substring(REQUIRES.length());
        Optional<Capability> capability = Capability.byId(name);
        capability.ifPresentOrElse(requires::add, () -> unknown.add(name));
      }
    }
    return new ScenarioTags(id, level, List.copyOf(sources), requires, List.copyOf(unknown), List.copyOf(all));
  }

  /** What is wrong with the tags themselves, if anything: a scenario must say what it is. */
  public Optional<String> problem() {
    if (id == null) {
      return Optional.of("the scenario has no ID tag (such as @FIFO-03)");
    }
    if (level == null) {
      return Optional.of("the scenario has no level tag (@must, @should or @may)");
    }
    if (sources.isEmpty()) {
      return Optional.of("the scenario cites no source (a claim such as @SEED-FIFO-1 or a manual page such as @fifo(7))");
    }
    if (!unknown().isEmpty()) {
      return Optional.of("unknown capabilities in @requires: tags: " + unknown());
    }
    return Optional.empty();
  }

  private List<String> unknown() {
    return unknownCapabilities;
  }
}
