package dev.patchflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Decides every series of the corpus: sizes 1-15, about a quarter resent as v2, and review
 * replies on about one mail in six (so roughly 15% of all messages are replies). The last
 * series is cut to land on the exact message count asked for.
 */
final class SeriesPlanner {
  private static final double V2_SHARE = 0.25;
  private static final double REPLY_CHANCE = 0.16;
  private static final double SECOND_REPLY_CHANCE = 0.03;
  private static final String[] TREE_PREFIXES = {"PATCH net-next", "PATCH net", "PATCH RFC", "PATCH for-next"};

  private final Random rnd;
  private final People people;
  private final int subsystems;

  SeriesPlanner(Random rnd, People people, int subsystems) {
    this.rnd = rnd;
    this.people = people;
    this.subsystems = subsystems;
  }

  List<SeriesPlan> plan(int messages, Instant start) {
    List<SeriesPlan> out = new ArrayList<>();
    int remaining = messages;
    Instant t = start;
    while (remaining > 0) {
      // Series start 0-20 hours apart: 1,500-odd series spread over about a year and a half.
      t = t.plus(Duration.ofMinutes(rnd.nextInt(20 * 60)));
      SeriesPlan p = remaining <= 16 ? last(out.size(), t, remaining) : next(out.size(), t, remaining);
      out.add(p);
      remaining -= p.messages();
    }
    return out;
  }

  private SeriesPlan next(int index, Instant sent, int remaining) {
    int patches = 1 + rnd.nextInt(15);
    boolean v2 = rnd.nextDouble() < V2_SHARE;
    int mails = patches + (patches > 1 ? 1 : 0);
    List<List<Integer>> replies = new ArrayList<>();
    for (int v = 0; v < (v2 ? 2 : 1); v++) {
      replies.add(replyTargets(mails));
    }
    SeriesPlan p = build(index, sent, patches, v2, replies);
    if (p.messages() > remaining) {
      // Near the end: drop the extras; a plain series of at most 16 mails always fits here.
      p = build(index, sent, patches, false, List.of(List.of()));
    }
    return p;
  }

  /** A final series of exactly {@code remaining} (1-16) messages. */
  private SeriesPlan last(int index, Instant sent, int remaining) {
    return switch (remaining) {
      case 1 -> build(index, sent, 1, false, List.of(List.of()));
      case 2 -> build(index, sent, 1, false, List.of(List.of(0)));
      default -> build(index, sent, remaining - 1, false, List.of(List.of()));
    };
  }

  private List<Integer> replyTargets(int mails) {
    List<Integer> targets = new ArrayList<>();
    for (int m = 0; m < mails; m++) {
      if (rnd.nextDouble() < REPLY_CHANCE) {
        targets.add(m);
        if (rnd.nextDouble() < SECOND_REPLY_CHANCE / REPLY_CHANCE) {
          targets.add(m);
        }
      }
    }
    return targets;
  }

  private SeriesPlan build(int index, Instant sent, int patches, boolean v2, List<List<Integer>> replies) {
    // Draw every random value even when unused, so one series' shape does not shift the next's.
    Dev author = people.pick(rnd);
    List<Dev> cc = List.of(people.other(rnd, author), people.other(rnd, author));
    int subsystem = rnd.nextInt(subsystems);
    String prefix = rnd.nextDouble() < 0.2 ? TREE_PREFIXES[rnd.nextInt(TREE_PREFIXES.length)] : "PATCH";
    Instant v2Sent = sent.plus(Duration.ofHours(48 + rnd.nextInt(12 * 24)));
    long seed = rnd.nextLong();
    return new SeriesPlan(index, author, cc, subsystem, prefix, patches, v2, sent, v2Sent, seed, replies);
  }
}
