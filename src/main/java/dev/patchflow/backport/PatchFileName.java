package dev.patchflow.backport;

import dev.patchflow.mail.Subject;
import dev.patchflow.mail.SubjectParser;

/**
 * The file name {@code git format-patch} gives a patch, e.g.
 * {@code 0001-io_uring-prevent-opcode-speculation.patch}: runs of characters other than letters,
 * digits, '.' and '_' become one '-', repeated dots collapse, trailing '.' and '-' go, and the
 * whole name before ".patch" stops at git's default limit.
 */
public final class PatchFileName {
  /** git's format.filenameMaxLength default, counted with the suffix and one spare character. */
  static final int MAX = 64;
  private static final String SUFFIX = ".patch";

  private PatchFileName() {}

  /** From a mail subject such as "[PATCH 2/5] net: Fix icmp…": the counter gives the number, 1 without one. */
  public static String fromSubject(String rawSubject) {
    Subject s = SubjectParser.parse(rawSubject);
    return of(s.number() != null && s.number() > 0 ? s.number() : 1, s.name());
  }

  public static String of(int number, String subject) {
    String name = String.format("%04d-%s", number, sanitize(subject));
    int max = MAX - (SUFFIX.length() + 1);
    if (name.length() > max) {
      name = name.substring(0, max);
    }
    return name + SUFFIX;
  }

  static String sanitize(String subject) {
    StringBuilder out = new StringBuilder();
    boolean gap = false;
    for (int i = 0; i < subject.length(); i++) {
      char c = subject.charAt(i);
      if (!titleChar(c)) {
        gap = true;
        continue;
      }
      if (gap && out.length() > 0) {
        out.append('-');
      }
      gap = false;
      out.append(c);
      if (c == '.') {
        while (i + 1 < subject.length() && subject.charAt(i + 1) == '.') {
          i++;
        }
      }
    }
    int end = out.length();
    while (end > 0 && (out.charAt(end - 1) == '.' || out.charAt(end - 1) == '-')) {
      end--;
    }
    return out.substring(0, end);
  }

  private static boolean titleChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
  }
}
