package dev.patchflow.ci;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tags of a series, which route it to branches and label its PR, as KPD computes them:
 * {@code V<version>}, each patch's state, and the words of the bracket prefixes of the patch,
 * cover and series names ("[bpf-next,v3,1/3]" gives "bpf-next").
 *
 * <p>Dropped from the prefixes: the patch number "N/M", a version "vN"/"VN" (already given as
 * {@code V<version>}, from the series' own version field) and "PATCH" (any case). Everything else
 * is kept as written, case included: "RFC" routes and labels like any tag (KPD's labels file has
 * one), and so do "RESEND" and subsystem names. Unlike KPD, only whole words are dropped: a tag
 * "patchset-x" survives, and every leading group counts, not only the last.
 */
public final class SeriesTags {
  private static final Pattern IGNORED = Pattern.compile("[0-9]+/[0-9]+|[vV][0-9]+|(?i:patch)");

  private SeriesTags() {}

  /** The tags of a series as the bridge holds it. */
  public static Set<String> of(PwSeries s) {
    List<String> states = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (PwPatch p : s.patches()) {
      states.add(p.state());
      names.add(p.name());
    }
    names.add(s.coverName());
    names.add(s.name());
    return of(s.version(), states, names);
  }

  /**
   * In order: {@code V<version>}, the states, then the prefix words of each name (nulls skipped),
   * without repeats.
   */
  public static Set<String> of(int version, List<String> states, List<String> names) {
    Set<String> tags = new LinkedHashSet<>();
    tags.add("V" + version);
    for (String state : states) {
      if (state != null && !state.isEmpty()) {
        tags.add(state);
      }
    }
    for (String name : names) {
      for (String word : SeriesName.prefixes(name)) {
        if (!IGNORED.matcher(word).matches()) {
          tags.add(word);
        }
      }
    }
    return Collections.unmodifiableSet(tags);
  }
}
