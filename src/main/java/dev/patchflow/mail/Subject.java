package dev.patchflow.mail;

import java.util.List;

/**
 * What a list subject line says about a mail.
 *
 * @param raw the decoded subject as sent
 * @param name the subject with Re:/Fwd: and all leading bracket groups removed
 * @param prefixes the bracket tokens other than PATCH and the counter, in order (e.g. net-next, v3, RFC)
 * @param version vN, 1 when absent
 * @param number n of n/m, or null when the subject has no counter
 * @param total m of n/m, or null
 * @param reply the subject starts with Re: (or a localised variant)
 * @param forward the subject starts with Fwd:
 * @param patchTag a PATCH (or RFC/PULL) marker was present
 */
public record Subject(
    String raw, String name, List<String> prefixes, int version, Integer number, Integer total,
    boolean reply, boolean forward, boolean patchTag) {

  public Subject {
    prefixes = List.copyOf(prefixes);
  }

  public boolean isCover() {
    return number != null && number == 0 && !reply;
  }

  /** The sender said which version this is (a vN prefix or "(vN)"), rather than it defaulting to 1. */
  public boolean hasVersion() {
    return prefixes.stream().anyMatch(p -> p.length() > 1 && (p.charAt(0) == 'v' || p.charAt(0) == 'V')
        && p.substring(1).chars().allMatch(Character::isDigit));
  }

  public boolean isRfc() {
    return prefixes.stream().anyMatch(p -> p.equalsIgnoreCase("RFC"));
  }

  /** Patchwork's display form: "[v2,1/4] Subject". */
  public String display() {
    StringBuilder tags = new StringBuilder();
    for (String p : prefixes) {
      tags.append(tags.length() == 0 ? "" : ",").append(p);
    }
    if (number != null) {
      tags.append(tags.length() == 0 ? "" : ",").append(number).append('/').append(total);
    }
    return tags.length() == 0 ? name : "[" + tags + "] " + name;
  }
}
