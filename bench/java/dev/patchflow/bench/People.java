package dev.patchflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The generated project's developers. A few names are not ASCII so that From: headers come out
 * RFC 2047-encoded (as git format-patch writes them) and bodies carry UTF-8.
 */
final class People {
  private static final String[][] FIRST = {
    {"Ada", "ada"}, {"Grace", "grace"}, {"Linus", "linus"}, {"Jürgen", "juergen"}, {"Zoë", "zoe"},
    {"José", "jose"}, {"Håkon", "haakon"}, {"Łukasz", "lukasz"}, {"Priya", "priya"}, {"Wei", "wei"},
    {"Fatima", "fatima"}, {"Kenji", "kenji"}, {"Olga", "olga"}, {"Tomás", "tomas"}, {"Ines", "ines"},
    {"Marek", "marek"}, {"Sven", "sven"}, {"Chloé", "chloe"}, {"Arjun", "arjun"}, {"Mei", "mei"},
  };
  private static final String[] LAST = {
    "Lovelace", "Hopper", "Torvalds", "Keller", "Novak", "Garcia", "Berg", "Kowalski", "Sharma", "Zhang",
    "Haddad", "Tanaka", "Ivanova", "Silva", "Moreau", "Dvorak", "Lindqvist", "Okafor", "Rossi", "Nakamura",
  };
  private static final String[] DOMAINS = {"example.org", "example.com", "corp.example.net", "kernel.example.org"};
  private static final String[] ZONES = {"+0000", "+0100", "+0200", "-0700", "-0500", "+0530", "+0800", "+0900"};

  private final List<Dev> devs;

  People(Random rnd, int count) {
    List<Dev> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String[] first = FIRST[rnd.nextInt(FIRST.length)];
      String last = LAST[rnd.nextInt(LAST.length)];
      // The index keeps addresses unique even when two developers share a name.
      String email = first[1] + "." + last.toLowerCase(java.util.Locale.ROOT) + i + "@" + DOMAINS[rnd.nextInt(DOMAINS.length)];
      out.add(new Dev(first[0] + " " + last, email, ZONES[rnd.nextInt(ZONES.length)]));
    }
    this.devs = List.copyOf(out);
  }

  Dev pick(Random rnd) {
    return devs.get(rnd.nextInt(devs.size()));
  }

  /** Someone other than {@code not} (people do not review their own patches). */
  Dev other(Random rnd, Dev not) {
    Dev d;
    do {
      d = pick(rnd);
    } while (d.equals(not));
    return d;
  }
}
