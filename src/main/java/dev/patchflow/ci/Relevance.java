package dev.patchflow.ci;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which series the bridge tests, from one listing of recent patches. Pure: the caller
 * fetches (search patterns are applied by the server), this only sorts out.
 *
 * <p>Patches are grouped by series, series by subject (the name without bracket prefixes), and
 * only the newest version of a subject counts: the highest version, then the newest last update,
 * then the highest id. That series is dropped, with the first reason that applies, when:
 * <ol>
 *   <li>its name is empty (each such series is its own verdict, with subject "");
 *   <li>one of its patches is in a closed state;
 *   <li>every patch of it in the listing is archived;
 *   <li>no unarchived patch is in a relevant state;
 *   <li>its last update is before the lookback (midnight UTC, {@code lookbackDays} days ago);
 *   <li>it has expired: one of its patches is in a state with a TTL and the series' last update
 *       is older than that TTL (a series left in changes-requested for over an hour is no longer
 *       tested, as in KPD).
 * </ol>
 * Older versions are returned as superseded whatever the verdict, so the bridge closes their PRs.
 */
public final class Relevance {
  /** The settings a decision depends on (from {@code CiConfig.patchwork()}). */
  public record Rules(int lookbackDays, Set<String> relevantStates, Set<String> closedStates,
      Map<String, Duration> ttls) {
    public Rules {
      relevantStates = Set.copyOf(relevantStates);
      closedStates = Set.copyOf(closedStates);
      ttls = Map.copyOf(ttls);
    }

    public static Rules of(dev.patchflow.ci.config.PatchworkConfig pw) {
      return new Rules(pw.lookback() == null ? 0 : pw.lookback(), Set.copyOf(pw.relevantStates()),
          Set.copyOf(pw.closedStates()), pw.stateTtls());
    }

    /** Patches from before this are outside the lookback. */
    public Instant since(Instant now) {
      return now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).minusDays(lookbackDays).toInstant();
    }
  }

  /** Why a subject's newest series is not tested. */
  public enum Reason { EMPTY_NAME, CLOSED, ARCHIVED, NO_RELEVANT_STATE, OUTSIDE_LOOKBACK, EXPIRED }

  /** What became of one subject. */
  public sealed interface Verdict {
    String subject();

    /** The newest version of the subject. */
    SeriesGroup newest();

    /** The older versions, oldest first. */
    List<SeriesGroup> superseded();

    record Relevant(String subject, SeriesGroup newest, List<SeriesGroup> superseded) implements Verdict {}

    /** @param detail for the log and the PR comment, e.g. "patch 12 '[v2,1/2] x' is accepted" */
    record Dropped(String subject, SeriesGroup newest, List<SeriesGroup> superseded, Reason reason, String detail)
        implements Verdict {}
  }

  private Relevance() {}

  /** One verdict per subject, the most recently updated subject first. */
  public static List<Verdict> decide(List<PwPatch> patches, Rules rules, Instant now) {
    Map<Long, PwSeriesRef> refs = new LinkedHashMap<>();
    Map<Long, List<PwPatch>> bySeries = new LinkedHashMap<>();
    for (PwPatch p : patches) {
      for (PwSeriesRef s : p.series()) {
        refs.putIfAbsent(s.id(), s);
        List<PwPatch> list = bySeries.computeIfAbsent(s.id(), k -> new ArrayList<>());
        if (list.stream().noneMatch(x -> x.id() == p.id())) {
          list.add(p);
        }
      }
    }
    Map<String, List<SeriesGroup>> bySubject = new LinkedHashMap<>();
    List<Verdict> out = new ArrayList<>();
    for (Map.Entry<Long, List<PwPatch>> e : bySeries.entrySet()) {
      SeriesGroup g = new SeriesGroup(refs.get(e.getKey()), e.getValue());
      if (g.subject().isEmpty()) {
        out.add(new Verdict.Dropped("", g, List.of(), Reason.EMPTY_NAME, "series " + g.series().id() + " has no name"));
      } else {
        bySubject.computeIfAbsent(g.subject(), k -> new ArrayList<>()).add(g);
      }
    }
    Comparator<SeriesGroup> age = Comparator.comparingInt((SeriesGroup g) -> g.series().version())
        .thenComparing(SeriesGroup::lastUpdate).thenComparingLong(g -> g.series().id());
    for (Map.Entry<String, List<SeriesGroup>> e : bySubject.entrySet()) {
      List<SeriesGroup> versions = new ArrayList<>(e.getValue());
      versions.sort(age);
      SeriesGroup newest = versions.remove(versions.size() - 1);
      out.add(verdict(e.getKey(), newest, List.copyOf(versions), rules, now));
    }
    out.sort(Comparator.comparing((Verdict v) -> v.newest().lastUpdate()).reversed()
        .thenComparing(v -> v.newest().series().id(), Comparator.reverseOrder()));
    return out;
  }

  private static Verdict verdict(String subject, SeriesGroup g, List<SeriesGroup> older, Rules rules, Instant now) {
    for (PwPatch p : g.patches()) {
      if (rules.closedStates().contains(p.state())) {
        return new Verdict.Dropped(subject, g, older, Reason.CLOSED, describe(p) + " is " + p.state());
      }
    }
    List<PwPatch> open = g.patches().stream().filter(p -> !p.archived()).toList();
    if (open.isEmpty()) {
      return new Verdict.Dropped(subject, g, older, Reason.ARCHIVED, "every patch is archived");
    }
    if (open.stream().noneMatch(p -> rules.relevantStates().contains(p.state()))) {
      return new Verdict.Dropped(subject, g, older, Reason.NO_RELEVANT_STATE,
          "no patch is in a relevant state (" + String.join(", ", open.stream().map(PwPatch::state).distinct().toList())
              + ")");
    }
    Instant since = rules.since(now);
    if (g.lastUpdate().isBefore(since)) {
      return new Verdict.Dropped(subject, g, older, Reason.OUTSIDE_LOOKBACK,
          "last updated " + g.lastUpdate() + ", before " + since);
    }
    for (PwPatch p : g.patches()) {
      Duration ttl = rules.ttls().get(p.state());
      if (ttl != null && !g.lastUpdate().plus(ttl).isAfter(now)) {
        return new Verdict.Dropped(subject, g, older, Reason.EXPIRED,
            describe(p) + " is " + p.state() + " and the series has not changed for " + ttl.toMinutes() + " min");
      }
    }
    return new Verdict.Relevant(subject, g, older);
  }

  private static String describe(PwPatch p) {
    return "patch " + p.id() + " '" + p.name() + "'";
  }
}
