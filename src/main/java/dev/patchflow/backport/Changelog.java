package dev.patchflow.backport;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Release bumps and %changelog entries, written the way the spec already writes them: Photon's
 * {@code * Mon Mar 24 2025 Name <email> 6.1.130-4} then {@code - Fix CVE-2025-21863}.
 */
public final class Changelog {
  private static final Pattern RELEASE = Pattern.compile("^(Release\\s*:\\s*)(\\d+)(.*)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern ENTRY = Pattern.compile("^\\*\\s+(\\w{3}\\s+\\w{3}\\s+(\\d{1,2})\\s+\\d{4})\\s+(.*)$");
  private static final Pattern VERSIONED = Pattern.compile("^(.*?>)(\\s+-\\s+|\\s+)(\\d\\S*-\\S+)$");
  private static final DateTimeFormatter READ = DateTimeFormatter.ofPattern("EEE MMM d yyyy", Locale.ENGLISH);
  private static final int STYLE_SAMPLE = 50;
  private static final DateTimeFormatter PADDED = DateTimeFormatter.ofPattern("EEE MMM dd yyyy", Locale.ENGLISH);

  private Changelog() {}

  /**
   * One entry to add.
   *
   * @param author "Name <email>"
   * @param lines the message lines, without the leading "- "
   */
  public record Entry(LocalDate date, String author, List<String> lines) {
    public Entry {
      lines = List.copyOf(lines);
      if (author == null || author.isBlank()) {
        throw new IllegalArgumentException("changelog author is empty");
      }
      if (lines.isEmpty()) {
        throw new IllegalArgumentException("changelog message is empty");
      }
    }
  }

  /** A bumped spec and its new Release number. */
  public record Bumped(SpecFile spec, int release) {}

  /** Release + 1, keeping what follows the number ({@code %{?kat_build:.kat}%{?dist}}). */
  public static Bumped bumpRelease(SpecFile spec) throws SpecEditException {
    int line = spec.tagLine("Release").orElseThrow(() -> new SpecEditException(spec.name() + ": no Release: line"));
    Matcher m = RELEASE.matcher(spec.lines().get(line));
    if (!m.matches()) {
      throw new SpecEditException(spec.name() + ": Release: does not start with a number: " + spec.lines().get(line));
    }
    int next = Integer.parseInt(m.group(2)) + 1;
    return new Bumped(spec.replace(line, m.group(1) + next + m.group(3)), next);
  }

  /** Adds the entry on top of %changelog; versionRelease is written only where the spec's entries carry one. */
  public static SpecFile addEntry(SpecFile spec, Entry entry, String versionRelease) throws SpecEditException {
    int at = spec.sectionLine("%changelog").orElseThrow(() -> new SpecEditException(spec.name() + ": no %changelog"));
    Optional<Matcher> top = Optional.empty();
    // Days below 10: Photon mostly writes "Jun 02", with a few "Jun 2"; follow the majority of the
    // newest 50 entries (today's maintainers; a spec's hundreds of old entries are not read again per fix).
    int padded = 0;
    int unpadded = 0;
    int seen = 0;
    for (int i = at + 1; i < spec.lines().size() && seen < STYLE_SAMPLE; i++) {
      if (!spec.lines().get(i).startsWith("*")) {
        continue;
      }
      Matcher m = ENTRY.matcher(spec.lines().get(i));
      if (!m.matches()) {
        continue;
      }
      seen++;
      if (top.isEmpty()) {
        top = Optional.of(m);
      }
      if (m.group(2).length() == 1) {
        unpadded++;
      } else if (m.group(2).startsWith("0")) {
        padded++;
      }
    }
    boolean versioned = true;
    String separator = " ";
    if (top.isPresent()) {
      Matcher v = VERSIONED.matcher(top.get().group(3).strip());
      versioned = v.matches();
      if (versioned) {
        separator = v.group(2);
      }
      try {
        LocalDate latest = LocalDate.parse(top.get().group(1).replaceAll("\\s+", " "), READ);
        if (entry.date().isBefore(latest)) {
          throw new SpecEditException(spec.name() + ": changelog date " + entry.date()
              + " is before its latest entry (" + latest + ")");
        }
      } catch (DateTimeParseException e) {
        // A top entry rpm itself would reject is not ours to judge; the order check just does not apply.
      }
    }
    String date = (padded >= unpadded ? PADDED : READ).format(entry.date());
    List<String> add = new ArrayList<>();
    add.add("* " + date + " " + entry.author().strip() + (versioned ? separator + versionRelease : ""));
    entry.lines().forEach(l -> add.add("- " + l));
    return spec.insert(at + 1, add);
  }
}
