package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.testing.Corpus;
import dev.patchflow.testing.RpmSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@link PatchStack} on Photon's real specs, checked against rpm itself: plain {@code rpmspec -P}
 * expands every {@code %autopatch} into one shell command per patch file, in the order rpm
 * applies them, which is an oracle this code does not share.
 */
class PatchStackCorpusTest {
  private static final Pattern APPLIED = Pattern.compile("(?:Cannot read |/usr/lib/rpm/rpmuncompress )(/[^\\s']+)");
  private static final Pattern DECLARED = Pattern.compile("(?m)^Patch(\\d+)\\s*:\\s*(\\S+)");

  @ParameterizedTest
  @CsvSource({
      "5.0-linux-6.1, linux.spec, 136, 135, ''",
      "5.0-linux-6.1, linux-esx.spec, 121, 121, 514",
      "common-linux-6.12, linux.spec, 71, 70, ''",
      "common-linux-6.12, linux-esx.spec, 60, 60, ''"})
  void orderAndNeverAppliedMatchRpm(String tree, String spec, int applied, int inTree, String never) throws Exception {
    Path file = Corpus.photon(tree).resolve(spec);
    String parsed = RpmSpec.parse(file);
    List<String> rpmOrder = new ArrayList<>();
    Matcher m = APPLIED.matcher(RpmSpec.prep(parsed));
    while (m.find()) {
      rpmOrder.add(m.group(1).substring(m.group(1).lastIndexOf('/') + 1));
    }
    Map<Integer, String> declared = new LinkedHashMap<>();
    Matcher d = DECLARED.matcher(parsed);
    while (d.find()) {
      declared.put(Integer.valueOf(d.group(1)), d.group(2));
    }
    List<Integer> rpmNever = declared.entrySet().stream().filter(e -> !rpmOrder.contains(e.getValue()))
        .map(Map.Entry::getKey).toList();

    SpecResolver.Resolved r = SpecResolver.resolve(file, SpecResolver.defaultMacros(), true);
    PatchStack stack = PatchStack.of(r);

    assertThat(r.method()).isEqualTo(SpecResolver.Method.RPMSPEC);
    assertThat(stack.applied()).extracting(PatchStack.Entry::file).containsExactlyElementsOf(rpmOrder);
    assertThat(stack.applied()).hasSize(applied).allMatch(e -> e.strip() == 1);
    assertThat(stack.inTree()).hasSize(inTree);
    assertThat(stack.neverApplied()).extracting(SpecFile.PatchDecl::number).containsExactlyElementsOf(rpmNever);
    assertThat(rpmNever).containsExactlyElementsOf(never.isEmpty() ? List.of() : List.of(Integer.valueOf(never)));
    assertThat(stack.notes()).isEmpty();

    // Read directly (no rpmspec) the stack is the same: SpecConditions resolves what rpm resolves.
    PatchStack direct = PatchStack.of(SpecResolver.resolve(file, SpecResolver.defaultMacros(), false));
    assertThat(direct.applied()).isEqualTo(stack.applied());
    assertThat(direct.neverApplied()).extracting(SpecFile.PatchDecl::number).containsExactlyElementsOf(rpmNever);
  }

  @Test
  void sixOneBaseStackFollowsItsAutopatchRangesAndIncludedList() throws Exception {
    PatchStack stack = PatchStack.of(SpecResolver.resolve(Corpus.photon("5.0-linux-6.1").resolve("linux.spec"),
        SpecResolver.defaultMacros(), true));
    List<Integer> numbers = stack.applied().stream().map(PatchStack.Entry::number).toList();
    // The ranges in the order %prep lists them; Patch110-128 come from the %include'd CVE-2023-39191.patches.
    assertThat(numbers).isSorted().startsWith(0, 1, 2).contains(49, 55, 110, 128, 154, 301, 512, 605, 719)
        .doesNotContain(201, 513, 10000).endsWith(1400);
    PatchStack.Entry cve = stack.applied().stream().filter(e -> e.number() == 105).findFirst().orElseThrow();
    assertThat(cve).isEqualTo(new PatchStack.Entry(105, "0001-io_uring-prevent-opcode-speculation.patch", 1,
        "%autopatch -p1 -m100 -M154", "CVE", ""));
    PatchStack.Entry included = stack.applied().stream().filter(e -> e.number() == 110).findFirst().orElseThrow();
    assertThat(included.block()).isEqualTo("Fix CVE-2023-39191");
    PatchStack.Entry efa = stack.applied().get(stack.applied().size() - 1);
    assertThat(efa.inTree()).isFalse();
    assertThat(efa.dir()).isEqualTo("../amzn-drivers-efa_linux_2.1.1");
  }

  /** 4.19's spec applies one {@code %patchN -p1} line per patch; its %include'd files are missing, so rpmspec fails. */
  @Test
  void fourNineteenOnePatchLineEach() throws Exception {
    Path file = Corpus.photon("3.0-linux-4.19").resolve("linux.spec");
    SpecResolver.Resolved r = SpecResolver.resolve(file, SpecResolver.defaultMacros(), true);
    PatchStack stack = PatchStack.of(r);
    assertThat(r.method()).isEqualTo(SpecResolver.Method.DIRECT);
    assertThat(r.notes()).anyMatch(n -> n.startsWith("rpmspec -P failed"));

    // Independently: the %patchN lines of %prep and the Patch lines, skipping aarch64 and kat_build blocks.
    List<String> lines = Files.readAllLines(file);
    Map<Integer, String> declared = new LinkedHashMap<>();
    List<Integer> applied = new ArrayList<>();
    List<String> dirs = new ArrayList<>();
    Deque<Boolean> live = new ArrayDeque<>();
    boolean prep = false;
    for (String l : lines) {
      if (l.startsWith("%if")) {
        live.push(!(l.contains("aarch64") || l.contains("kat_build")));
        continue;
      }
      assertThat(l).as("this oracle does not do %%else").doesNotStartWith("%else");
      if (l.startsWith("%endif")) {
        live.pop();
        continue;
      }
      if (live.contains(false)) {
        continue;
      }
      prep = l.equals("%prep") || (prep && !l.equals("%build"));
      Matcher p = Pattern.compile("^Patch(\\d+):\\s*(\\S+)").matcher(l);
      Matcher a = Pattern.compile("^%patch(\\d+) -p1$").matcher(l);
      if (p.find()) {
        declared.put(Integer.valueOf(p.group(1)), p.group(2));
      } else if (prep && a.find()) {
        applied.add(Integer.valueOf(a.group(1)));
      } else if (prep && l.startsWith("pushd ")) {
        dirs.add(l);
      }
    }
    assertThat(stack.applied()).extracting(PatchStack.Entry::number).containsExactlyElementsOf(applied);
    assertThat(stack.applied()).allMatch(e -> e.strip() == 1 && e.file().equals(declared.get(e.number())));
    assertThat(stack.applied()).hasSize(256);
    assertThat(stack.applied().stream().filter(e -> !e.inTree()).map(PatchStack.Entry::number))
        .containsExactly(1500, 1510, 1511);
    assertThat(dirs).hasSize(3);
    List<Integer> never = declared.keySet().stream().filter(n -> !applied.contains(n)).toList();
    assertThat(stack.neverApplied()).extracting(SpecFile.PatchDecl::number).containsExactlyElementsOf(never);
    // #%%patch484 is commented out; 464 and 481 have no %patch line at all.
    assertThat(never).containsExactly(464, 481, 484);
  }
}
