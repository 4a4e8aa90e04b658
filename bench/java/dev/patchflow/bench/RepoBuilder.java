package dev.patchflow.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fills the repository: the base tree as the one commit on main, then each series' versions
 * as branches off it, one commit per patch.
 */
final class RepoBuilder {
  private static final Dev MAINTAINER = new Dev("Bench Maintainer", "maintainer@bench.example.org", "+0000");

  private final SourceTree tree;
  private final PatchMaker maker;

  RepoBuilder(SourceTree tree, PatchMaker maker) {
    this.tree = tree;
    this.maker = maker;
  }

  /** Returns the number of commits made. */
  int build(Git git, List<SeriesPlan> plans, Instant baseDate) throws IOException {
    int commits = 0;
    try (FastImport fi = new FastImport(git)) {
      Map<String, String> files = new java.util.TreeMap<>();
      tree.files().forEach((path, lines) -> files.put(path, String.join("\n", lines) + "\n"));
      String message = "Initial import\n\nSigned-off-by: " + MAINTAINER.ident() + "\n";
      int base = fi.commit("main", null, MAINTAINER, baseDate, new CommitSpec(message, files));
      commits++;
      for (SeriesPlan plan : plans) {
        Subsystem sub = tree.subsystems().get(plan.subsystem());
        // The patch v2 reworks; the others come out the same as in v1 (but with later dates).
        int reworked = new Random(plan.seed()).nextInt(plan.patches());
        for (int v = 1; v <= plan.versions(); v++) {
          WorkingCopy wc = new WorkingCopy(tree.files());
          for (int i = 0; i < plan.patches(); i++) {
            Random rnd = new Random(plan.seed() * 31 + i);
            CommitSpec spec = maker.make(rnd, wc, sub, plan.author(), v > 1 && i == reworked);
            // One second apart, so the mails' Date: headers keep the series order.
            Instant when = plan.sent(v).plusSeconds(i + 1L);
            fi.commit(plan.branch(v), i == 0 ? base : null, plan.author(), when, spec);
            commits++;
          }
        }
      }
    }
    return commits;
  }
}
