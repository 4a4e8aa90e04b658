package dev.patchflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes one patch of a series: a few small edits to one to three files of the series'
 * subsystem (sometimes a new file), and a commit message to go with them. Driven only by the
 * Random it is given, so a v2 replays its v1 exactly except where it is told to differ.
 */
final class PatchMaker {
  private static final Pattern NUMBER = Pattern.compile("\\d+");
  private static final Pattern DELETABLE = Pattern.compile("^\t(dev->\\w+ = \\d+;|pr_debug\\(.*\\);)$");

  private final People people;

  PatchMaker(People people) {
    this.people = people;
  }

  /**
   * @param reworked true for the one patch a v2 changes: it gets an extra statement, the kind
   *     of difference review comments lead to
   */
  CommitSpec make(Random rnd, WorkingCopy wc, Subsystem sub, Dev author, boolean reworked) {
    Map<String, String> files = new LinkedHashMap<>();
    List<String> candidates = new ArrayList<>(sub.files());
    wc.added().stream().filter(p -> p.startsWith(sub.dir() + "/")).forEach(candidates::add);
    if (rnd.nextInt(100) < 5) {
      String path = newFile(rnd, wc, sub);
      List<String> lines = CCode.file(rnd, sub.symbol(), "new helpers");
      wc.write(path, lines);
      files.put(path, text(lines));
    }
    int count = Math.min(candidates.size(), fileCount(rnd));
    for (int i = 0; i < count; i++) {
      String path = candidates.remove(rnd.nextInt(candidates.size()));
      List<String> before = wc.read(path);
      List<String> lines = new ArrayList<>(before);
      int hunks = 1 + rnd.nextInt(3);
      for (int h = 0; h < hunks; h++) {
        edit(rnd, lines, sub.symbol());
      }
      if (reworked && i == 0) {
        insert(rnd, lines, sub.symbol());
      }
      if (lines.equals(before)) {
        insert(rnd, lines, sub.symbol()); // edits that undid each other: a patch must change something
      }
      wc.write(path, lines);
      files.put(path, text(lines));
    }
    String message = Prose.commitMessage(rnd, sub, CCode.ident(rnd, sub.symbol()), author, people.other(rnd, author));
    return new CommitSpec(message, files);
  }

  private static int fileCount(Random rnd) {
    int r = rnd.nextInt(10);
    return r < 6 ? 1 : r < 9 ? 2 : 3;
  }

  private static String newFile(Random rnd, WorkingCopy wc, Subsystem sub) {
    String path;
    int n = 0;
    do {
      path = sub.dir() + "/" + sub.symbol() + "_" + CCode.NOUNS[rnd.nextInt(CCode.NOUNS.length)] + "_" + (n++) + ".c";
    } while (wc.exists(path));
    return path;
  }

  private static void edit(Random rnd, List<String> lines, String symbol) {
    int kind = rnd.nextInt(20);
    if (kind < 10) {
      insert(rnd, lines, symbol);
    } else if (kind < 15) {
      changeNumber(rnd, lines, symbol);
    } else if (kind < 18) {
      delete(rnd, lines, symbol);
    } else {
      lines.addAll(CCode.function(rnd, symbol));
    }
  }

  /** New statements after a line inside some function body. */
  private static void insert(Random rnd, List<String> lines, String symbol) {
    List<Integer> body = matching(lines, l -> l.startsWith("\t") && l.endsWith(";"));
    if (body.isEmpty()) {
      lines.addAll(CCode.function(rnd, symbol));
      return;
    }
    int at = body.get(rnd.nextInt(body.size())) + 1;
    int statements = 1 + rnd.nextInt(3);
    for (int i = 0; i < statements; i++) {
      List<String> s = CCode.statement(rnd, symbol);
      lines.addAll(at, s);
      at += s.size();
    }
  }

  private static void changeNumber(Random rnd, List<String> lines, String symbol) {
    List<Integer> withNumbers = matching(lines, l -> l.startsWith("\t") && NUMBER.matcher(l).find());
    if (withNumbers.isEmpty()) {
      insert(rnd, lines, symbol);
      return;
    }
    int i = withNumbers.get(rnd.nextInt(withNumbers.size()));
    Matcher m = NUMBER.matcher(lines.get(i));
    m.find();
    int changed = Integer.parseInt(m.group()) + 1 + rnd.nextInt(50);
    lines.set(i, lines.get(i).substring(0, m.start()) + changed + lines.get(i).substring(m.end()));
  }

  private static void delete(Random rnd, List<String> lines, String symbol) {
    List<Integer> deletable = matching(lines, l -> DELETABLE.matcher(l).matches());
    if (deletable.isEmpty()) {
      insert(rnd, lines, symbol);
      return;
    }
    lines.remove((int) deletable.get(rnd.nextInt(deletable.size())));
  }

  private static List<Integer> matching(List<String> lines, java.util.function.Predicate<String> p) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (p.test(lines.get(i))) {
        out.add(i);
      }
    }
    return out;
  }

  private static String text(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }
}
