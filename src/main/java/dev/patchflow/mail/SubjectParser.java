package dev.patchflow.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns "[PATCH net-next v3 2/7] foo" (and every variant lists send) into a {@link Subject}. */
public final class SubjectParser {
  private static final Pattern REPLY = Pattern.compile("^(re|aw|sv|antw|vs|r)(\\[\\d+])?\\s*:\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern FORWARD = Pattern.compile("^(fwd?|tr|wg)\\s*:\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern VERSION = Pattern.compile("v(\\d{1,4})", Pattern.CASE_INSENSITIVE);
  private static final Pattern PATCH_VERSION =
      Pattern.compile("(PATCH|RFC|PULL)-?v(\\d{1,4})", Pattern.CASE_INSENSITIVE);
  private static final Pattern COUNTER = Pattern.compile("(\\d{1,5})/(\\d{1,5})");
  private static final Pattern MERCURIAL = Pattern.compile("(\\d{1,5})\\s+of\\s+(\\d{1,5})", Pattern.CASE_INSENSITIVE);
  private static final Pattern TRAILING_VERSION = Pattern.compile("\\s*\\(v(\\d{1,4})\\)\\s*$", Pattern.CASE_INSENSITIVE);

  private SubjectParser() {}

  public static Subject parse(String raw) {
    String s = raw == null ? "" : raw.replaceAll("\\s+", " ").strip();
    boolean reply = false;
    boolean forward = false;
    List<String> groups = new ArrayList<>();
    while (true) {
      Matcher re = REPLY.matcher(s);
      Matcher fw = FORWARD.matcher(s);
      if (re.lookingAt()) {
        reply = true;
        s = s.substring(re.end());
      } else if (fw.lookingAt()) {
        forward = true;
        s = s.substring(fw.end());
      } else if (s.startsWith("[")) {
        int close = s.indexOf(']');
        if (close < 0) {
          break;
        }
        groups.add(s.substring(1, close));
        s = s.substring(close + 1).stripLeading();
      } else {
        break;
      }
    }
    List<String> prefixes = new ArrayList<>();
    Integer number = null;
    Integer total = null;
    Integer version = null;
    boolean patchTag = false;
    for (String group : groups) {
      Matcher hg = MERCURIAL.matcher(group);
      if (hg.find() && number == null) {
        number = Integer.parseInt(hg.group(1));
        total = Integer.parseInt(hg.group(2));
        group = group.substring(0, hg.start()) + " " + group.substring(hg.end());
      }
      for (String token : group.split("[\\s,]+")) {
        if (token.isEmpty()) {
          continue;
        }
        String upper = token.toUpperCase(Locale.ROOT);
        Matcher pv = PATCH_VERSION.matcher(token);
        Matcher c = COUNTER.matcher(token);
        if (upper.equals("PATCH")) {
          patchTag = true;
        } else if (pv.matches()) {
          patchTag = true;
          version = Integer.parseInt(pv.group(2));
          if (!pv.group(1).equalsIgnoreCase("PATCH")) {
            prefixes.add(pv.group(1).toUpperCase(Locale.ROOT));
          }
          prefixes.add("v" + version);
        } else if (c.matches() && number == null) {
          number = Integer.parseInt(c.group(1));
          total = Integer.parseInt(c.group(2));
        } else if (VERSION.matcher(token).matches() && version == null) {
          version = Integer.parseInt(token.substring(1));
          prefixes.add("v" + version);
        } else {
          if (upper.equals("RFC") || upper.equals("PULL") || upper.equals("GIT")) {
            patchTag = true;
          }
          prefixes.add(token);
        }
      }
    }
    String name = s.strip();
    if (version == null) {
      Matcher tv = TRAILING_VERSION.matcher(name);
      if (tv.find()) {
        version = Integer.parseInt(tv.group(1));
        name = name.substring(0, tv.start()).strip();
        prefixes.add("v" + version);
      }
    }
    if (total != null && total == 0) {
      number = null; // "0/0" says nothing
      total = null;
    }
    return new Subject(
        raw == null ? "" : raw, name, prefixes, version == null ? 1 : Math.max(version, 1),
        number, total, reply, forward, patchTag);
  }
}
