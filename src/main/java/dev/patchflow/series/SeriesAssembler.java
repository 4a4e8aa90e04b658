package dev.patchflow.series;

import dev.patchflow.mail.MailKind;
import dev.patchflow.mail.Trailer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Threads the messages of one project into series and links series versions. Pure: the same
 * messages give the same series, in whatever order they arrived.
 *
 * <p>A patch joins the series of its nearest known ancestor (In-Reply-To, then References
 * newest first) when that series has the same version and no patch with its number yet, so a
 * v2 sent in reply to v1 starts its own series, and a resend of patch 1 starts a new one. A
 * numbered patch with no known ancestor joins an open series of the same sender, version and
 * total sent within {@link #WINDOW}. Unnumbered patches are their own series unless they
 * answer an unnumbered series of the same sender.
 */
public final class SeriesAssembler {
  static final Duration WINDOW = Duration.ofMinutes(20);

  private SeriesAssembler() {}

  public static List<Series> assemble(List<Message> input) {
    Map<String, Message> byId = new LinkedHashMap<>();
    input.stream().sorted(Comparator.comparingLong(Message::seq))
        .forEach(m -> byId.putIfAbsent(m.messageId(), m));
    List<Message> ordered = new ArrayList<>(byId.values());
    ordered.sort(Comparator.comparing(Message::date).thenComparingLong(Message::seq));

    Map<String, List<Message>> answers = new HashMap<>();
    for (Message m : ordered) {
      m.parents().forEach(p -> answers.computeIfAbsent(p, k -> new ArrayList<>()).add(m));
    }
    Map<String, Builder> seriesOf = new HashMap<>();
    List<Builder> builders = new ArrayList<>();
    Map<String, List<Builder>> open = new HashMap<>();
    for (Message m : ordered) {
      if (m.kind() == MailKind.COVER) {
        Builder b = builderAwaitingCover(m, answers.getOrDefault(m.messageId(), List.of()), seriesOf);
        if (b == null) {
          b = new Builder(m);
          builders.add(b);
          open.computeIfAbsent(openKey(m), k -> new ArrayList<>()).add(b);
        } else {
          b.cover = m;
        }
        seriesOf.put(m.messageId(), b);
      } else if (m.kind().isSubmission()) {
        Builder b = byAncestor(m, seriesOf);
        if (b == null && m.isNumbered() && m.subject().total() > 1) {
          b = byWindow(m, open.getOrDefault(openKey(m), List.of()));
        }
        if (b == null) {
          b = new Builder(m);
          builders.add(b);
          open.computeIfAbsent(openKey(m), k -> new ArrayList<>()).add(b);
        }
        b.add(m);
        seriesOf.put(m.messageId(), b);
      }
    }
    attachReplies(ordered, byId, seriesOf);

    List<Series> out = new ArrayList<>();
    Map<Builder, String> previous = linkVersions(builders, seriesOf);
    Map<Builder, String> next = new HashMap<>();
    Map<String, Builder> byAnchor = new HashMap<>();
    builders.forEach(b -> byAnchor.put(b.anchor(), b));
    previous.forEach((b, prevAnchor) -> next.put(byAnchor.get(prevAnchor), b.anchor()));
    for (Builder b : builders) {
      out.add(b.build(previous.get(b), next.get(b)));
    }
    return out;
  }

  private static String openKey(Message m) {
    return m.from().email() + "\u0000" + m.subject().version() + "\u0000" + m.subject().total();
  }

  /** A cover whose patches came first (clock skew): they name it as their parent. */
  private static Builder builderAwaitingCover(Message cover, List<Message> answering, Map<String, Builder> seriesOf) {
    for (Message m : answering) {
      Builder b = seriesOf.get(m.messageId());
      if (b != null && b.cover == null && b.version == cover.subject().version()) {
        return b;
      }
    }
    return null;
  }

  private static Builder byAncestor(Message m, Map<String, Builder> seriesOf) {
    for (String p : m.parents()) {
      Builder b = seriesOf.get(p);
      if (b != null) {
        return b.accepts(m) ? b : null; // the nearest known ancestor decides
      }
    }
    return null;
  }

  private static Builder byWindow(Message m, List<Builder> candidates) {
    for (int i = candidates.size() - 1; i >= 0; i--) {
      Builder b = candidates.get(i);
      Duration gap = Duration.between(b.lastDate, m.date()).abs();
      if (gap.compareTo(WINDOW) <= 0 && b.accepts(m)) {
        return b;
      }
    }
    return null;
  }

  private static void attachReplies(List<Message> ordered, Map<String, Message> byId, Map<String, Builder> seriesOf) {
    Map<String, String> targetOf = new HashMap<>();
    for (Message m : ordered) {
      if (m.kind() != MailKind.COMMENT) {
        continue;
      }
      String target = target(m, byId, seriesOf, targetOf, new HashSet<>());
      if (target != null) {
        seriesOf.get(target).replies.add(new Reply(m.messageId(), target));
        seriesOf.get(target).replyMessages.add(m);
      }
    }
  }

  /** The series member a comment answers, through any chain of comments. */
  private static String target(Message m, Map<String, Message> byId, Map<String, Builder> seriesOf,
      Map<String, String> memo, Set<String> seen) {
    if (memo.containsKey(m.messageId())) {
      return memo.get(m.messageId());
    }
    String found = null;
    if (seen.add(m.messageId())) {
      for (String p : m.parents()) {
        if (seriesOf.containsKey(p)) {
          found = p;
          break;
        }
        Message parent = byId.get(p);
        if (parent != null && parent.kind() == MailKind.COMMENT) {
          found = target(parent, byId, seriesOf, memo, seen);
          if (found != null) {
            break;
          }
        }
      }
    }
    memo.put(m.messageId(), found);
    return found;
  }

  /**
   * Earlier versions: an explicit Supersedes: naming a message of another series, else the
   * latest earlier series (by version, then date) from the same sender with the same name or
   * the same first patch, so a v2 without a cover letter still finds its v1.
   */
  private static Map<Builder, String> linkVersions(List<Builder> builders, Map<String, Builder> seriesOf) {
    Map<Builder, String> previous = new HashMap<>();
    Set<Builder> taken = new HashSet<>();
    for (Builder b : builders) {
      for (SeriesTrailer t : b.seriesTrailers()) {
        if (t.trailer().key().equals(Trailer.SUPERSEDES)) {
          String id = dev.patchflow.mail.MessageIds.normalise(t.trailer().value());
          Builder old = id == null ? null : seriesOf.get(id);
          if (old != null && old != b && taken.add(old)) {
            previous.put(b, old.anchor());
          }
        }
      }
    }
    List<Builder> sorted = new ArrayList<>(builders);
    sorted.sort(Comparator.comparingInt((Builder b) -> b.version).thenComparing(Builder::date)
        .thenComparingLong(b -> b.first.seq()));
    Map<String, List<Builder>> byKey = new HashMap<>();
    for (Builder b : sorted) {
      if (!previous.containsKey(b)) {
        Builder best = null;
        for (String key : b.versionKeys()) {
          for (Builder c : byKey.getOrDefault(key, List.of())) {
            if (!taken.contains(c) && (best == null || sorted.indexOf(c) > sorted.indexOf(best))) {
              best = c;
            }
          }
        }
        if (best != null) {
          taken.add(best);
          previous.put(b, best.anchor());
        }
      }
      for (String key : b.versionKeys()) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(b);
      }
    }
    return previous;
  }

  static String nameKey(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }

  /** A series being put together. */
  private static final class Builder {
    final Message first;
    final int version;
    Message cover;
    final List<Message> patches = new ArrayList<>();
    final List<Reply> replies = new ArrayList<>();
    final List<Message> replyMessages = new ArrayList<>();
    java.time.Instant lastDate;

    Builder(Message first) {
      this.first = first;
      this.version = first.subject().version();
      this.lastDate = first.date();
      if (first.kind() == MailKind.COVER) {
        cover = first;
      }
    }

    void add(Message m) {
      patches.add(m);
      if (m.date().isAfter(lastDate)) {
        lastDate = m.date();
      }
    }

    boolean numbered() {
      return cover != null || patches.stream().anyMatch(Message::isNumbered);
    }

    Integer total() {
      if (cover != null) {
        return cover.subject().total();
      }
      return patches.stream().map(p -> p.subject().total()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    boolean accepts(Message m) {
      // A patch that names no version takes its series' ("[PATCH 1/4]" under a "(v3)" cover).
      if (m.subject().version() != version && m.subject().hasVersion()) {
        return false;
      }
      if (!m.isNumbered()) {
        return !numbered() && !patches.isEmpty() && patches.get(0).from().email().equals(m.from().email());
      }
      if (!numbered() && !patches.isEmpty()) {
        return false;
      }
      Integer total = total();
      if (total != null && !total.equals(m.subject().total())) {
        return false;
      }
      return patches.stream().noneMatch(p -> m.subject().number().equals(p.subject().number()));
    }

    String anchor() {
      return cover != null ? cover.messageId() : first.messageId();
    }

    String name() {
      if (cover != null) {
        return cover.subject().name();
      }
      return patches.stream().min(Comparator.comparingInt(p -> number(p))).map(p -> p.subject().name()).orElse("");
    }

    /** Keys under which another version of this series would be found. */
    List<String> versionKeys() {
      String who = submitter().email() + "\u0000";
      List<String> keys = new ArrayList<>(List.of(who + nameKey(name())));
      patches.stream().min(Comparator.comparingInt(p -> number(p)))
          .map(p -> who + nameKey(p.subject().name())).filter(k -> !keys.contains(k)).ifPresent(keys::add);
      return keys;
    }

    dev.patchflow.mail.Person submitter() {
      return (cover != null ? cover : first).from();
    }

    java.time.Instant date() {
      return (cover != null ? cover : first).date();
    }

    List<SeriesTrailer> seriesTrailers() {
      List<SeriesTrailer> out = new ArrayList<>();
      if (cover != null) {
        cover.trailers().forEach(t -> out.add(new SeriesTrailer(t, cover.messageId())));
      }
      for (Message r : replyMessages) {
        if (cover != null && replyAnswers(r, cover.messageId())) {
          r.trailers().forEach(t -> out.add(new SeriesTrailer(t, r.messageId())));
        }
      }
      // Series-level markers may also sit in the first patch of a series without a cover.
      if (cover == null && !patches.isEmpty()) {
        for (Trailer t : patches.get(0).trailers()) {
          if (t.key().equals(Trailer.SUPERSEDES) || t.key().equals(Trailer.BASED_ON)
              || t.key().equals(Trailer.DEPENDS_ON)) {
            out.add(new SeriesTrailer(t, patches.get(0).messageId()));
          }
        }
      }
      return out;
    }

    private boolean replyAnswers(Message reply, String memberId) {
      return replies.stream().anyMatch(r -> r.messageId().equals(reply.messageId()) && r.answers().equals(memberId));
    }

    Series build(String previous, String next) {
      List<SeriesTrailer> seriesTrailers = seriesTrailers();
      List<SeriesTrailer> seriesReviews = seriesTrailers.stream()
          .filter(t -> t.trailer().isReview() && cover != null && !t.messageId().equals(cover.messageId()))
          .toList();
      List<Message> sorted = new ArrayList<>(patches);
      sorted.sort(Comparator.comparingInt((Message p) -> number(p)).thenComparing(Message::date).thenComparingLong(Message::seq));
      List<SeriesPatch> out = new ArrayList<>();
      for (Message p : sorted) {
        List<SeriesTrailer> trailers = new ArrayList<>();
        p.trailers().forEach(t -> trailers.add(new SeriesTrailer(t, p.messageId())));
        for (Message r : replyMessages) {
          if (replyAnswers(r, p.messageId())) {
            r.trailers().stream().filter(Trailer::isReview).forEach(t -> trailers.add(new SeriesTrailer(t, r.messageId())));
          }
        }
        trailers.addAll(seriesReviews);
        out.add(new SeriesPatch(number(p), p.messageId(), trailers));
      }
      Integer total = total();
      int t = numbered() ? (total == null ? out.size() : total) : out.size();
      return new Series(anchor(), name(), version, t, submitter(), date(),
          cover == null ? null : cover.messageId(), out, replies, seriesTrailers, previous, next);
    }

    private static int number(Message m) {
      return m.subject().number() == null ? 0 : m.subject().number();
    }
  }
}
