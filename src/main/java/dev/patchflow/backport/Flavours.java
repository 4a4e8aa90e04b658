package dev.patchflow.backport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel flavours a routing target may name, each with its spec file: Photon's base, esx and
 * rt kernels are linux.spec, linux-esx.spec and linux-rt.spec.
 *
 * @param specs short name to spec file name, in the order routes list them
 */
public record Flavours(Map<String, String> specs) {
  public Flavours {
    specs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(specs));
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("no flavours");
    }
  }

  public static Flavours photon() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("base", "linux.spec");
    m.put("esx", "linux-esx.spec");
    m.put("rt", "linux-rt.spec");
    return new Flavours(m);
  }

  public boolean knows(String name) {
    return specs.containsKey(name);
  }

  public String spec(String name) {
    return specs.get(name);
  }

  /** The flavour whose spec file is this one, e.g. "linux-esx.spec" gives esx. */
  public Optional<String> ofSpec(String specFileName) {
    return specs.entrySet().stream().filter(e -> e.getValue().equals(specFileName)).map(Map.Entry::getKey).findFirst();
  }
}
