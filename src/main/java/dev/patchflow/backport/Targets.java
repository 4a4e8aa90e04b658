package dev.patchflow.backport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a patch goes, as a routing rule writes it: {@code all}, {@code none}, or a comma list of
 * flavour names ({@code base,esx}).
 *
 * @param all every flavour the kernel line has
 * @param names the named flavours when not all; empty with all false means none
 */
public record Targets(boolean all, List<String> names) {
  public Targets {
    names = List.copyOf(names);
  }

  public static final Targets ALL = new Targets(true, List.of());
  public static final Targets NONE = new Targets(false, List.of());

  public boolean none() {
    return !all && names.isEmpty();
  }

  /** Parses a targets field; unknown or mixed names are an {@link IllegalArgumentException} saying which. */
  public static Targets parse(String field, Flavours flavours) {
    String f = field.strip();
    if (f.isEmpty()) {
      throw new IllegalArgumentException("no targets (want all, none or a comma list of " + flavours.specs().keySet() + ")");
    }
    if (f.equalsIgnoreCase("all")) {
      return ALL;
    }
    if (f.equalsIgnoreCase("none")) {
      return NONE;
    }
    Set<String> names = new LinkedHashSet<>();
    for (String part : f.split(",")) {
      String name = part.strip().toLowerCase(java.util.Locale.ROOT);
      if (name.equals("all") || name.equals("none")) {
        throw new IllegalArgumentException("'" + name + "' cannot be part of a list: " + f);
      }
      if (!flavours.knows(name)) {
        throw new IllegalArgumentException("unknown target '" + part.strip() + "' (known: "
            + String.join(", ", flavours.specs().keySet()) + ", all, none)");
      }
      names.add(name);
    }
    return new Targets(false, new ArrayList<>(names));
  }

  @Override
  public String toString() {
    return all ? "all" : none() ? "none" : String.join(",", names);
  }
}
