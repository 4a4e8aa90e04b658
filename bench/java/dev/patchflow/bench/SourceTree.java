package dev.patchflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** The base commit's files: a dozen subsystems of made-up C, with a README at the top. */
final class SourceTree {
  private static final String[][] SUBSYSTEMS = {
    {"drivers/net/ethernet/acme", "acme", "net: acme"},
    {"drivers/gpu/drm/blit", "blit", "drm/blit"},
    {"drivers/usb/gadget/function", "fgadget", "usb: gadget"},
    {"fs/ext9", "ext9", "ext9"},
    {"fs/nfsd", "nfsd", "nfsd"},
    {"mm", "mm", "mm"},
    {"kernel/sched", "sched", "sched/fair"},
    {"net/ipv4", "inet", "ipv4"},
    {"net/core", "netcore", "net: core"},
    {"sound/soc/codecs", "codec", "ASoC: codecs"},
    {"arch/x86/kvm", "kvm", "KVM: x86"},
    {"block", "blk", "block"},
    {"crypto", "crypto", "crypto"},
    {"lib", "lib", "lib"},
  };

  private final List<Subsystem> subsystems;
  private final Map<String, List<String>> files;

  SourceTree(Random rnd) {
    Map<String, List<String>> all = new TreeMap<>();
    List<Subsystem> subs = new ArrayList<>();
    all.put("README", List.of("Patchflow benchmark tree", "", "Generated; not meant to build."));
    for (String[] s : SUBSYSTEMS) {
      List<String> paths = new ArrayList<>();
      int count = 4 + rnd.nextInt(7);
      for (int i = 0; i < count; i++) {
        String noun = CCode.NOUNS[(i * 7 + rnd.nextInt(4)) % CCode.NOUNS.length];
        String path = s[0] + "/" + s[1] + "_" + noun + (paths.size() == count - 1 ? ".h" : ".c");
        if (!all.containsKey(path)) {
          all.put(path, CCode.file(rnd, s[1], noun + " handling"));
          paths.add(path);
        }
      }
      subs.add(new Subsystem(s[0], s[1], s[2], paths));
    }
    this.subsystems = List.copyOf(subs);
    this.files = Collections.unmodifiableMap(all);
  }

  List<Subsystem> subsystems() {
    return subsystems;
  }

  /** Path to lines, in path order. */
  Map<String, List<String>> files() {
    return files;
  }
}
