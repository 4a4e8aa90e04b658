package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PatchStack} and {@link SpecConditions} on small specs written for each case. */
class PatchStackTest {
  private static PatchStack stack(String text) {
    return PatchStack.of(SpecFile.parse("t.spec", text));
  }

  @Test
  void autopatchFollowsDeclarationOrderAndSaysSo() {
    PatchStack s = stack("Patch2: b.patch\nPatch1: a.patch\nPatch7: never.patch\n%prep\n%autopatch -p1 -m0 -M5\n%build\n");
    assertThat(s.applied()).extracting(PatchStack.Entry::number).containsExactly(2, 1);
    assertThat(s.neverApplied()).extracting(SpecFile.PatchDecl::file).containsExactly("never.patch");
    assertThat(s.notes()).containsExactly("%autopatch -p1 -m0 -M5: Patch1 is declared after Patch2; rpm applies it later");
  }

  @Test
  void everyPatchLineForm() {
    PatchStack s = stack("""
        Patch0: zero.patch
        Patch1: one.patch
        Patch2: two.patch
        Patch3: three.patch
        Patch4: four.patch
        %prep
        %patch3 -p0
        %patch -P 1 -P2 -p2
        %patch -p1 4
        # %patch0 -p1 is a comment
        %patch9 -p1
        pushd ../driver
        %autopatch -p1 0
        popd
        %build
        %patch0
        """);
    assertThat(s.applied()).extracting(PatchStack.Entry::number).containsExactly(3, 1, 2, 4, 0);
    assertThat(s.applied()).extracting(PatchStack.Entry::strip).containsExactly(0, 2, 2, 1, 1);
    assertThat(s.applied().get(4).dir()).isEqualTo("../driver");
    assertThat(s.inTree()).hasSize(4);
    assertThat(s.notes()).containsExactly("%patch9 -p1: there is no Patch9 line");
    assertThat(s.neverApplied()).isEmpty();
  }

  @Test
  void autosetupAppliesAllUnlessToldNot() {
    assertThat(stack("Patch0: a.patch\nPatch1: b.patch\n%prep\n%autosetup -p1 -n linux-1\n").applied())
        .extracting(PatchStack.Entry::strip).containsExactly(1, 1);
    assertThat(stack("Patch0: a.patch\n%prep\n%autosetup -N -n x\n").neverApplied()).hasSize(1);
  }

  @Test
  void appliedTwiceIsNoted() {
    assertThat(stack("Patch5: a.patch\n%prep\n%autopatch -p1 -m5 -M5\n%patch5 -p1\n").notes())
        .containsExactly("Patch5 (a.patch) is applied more than once");
  }

  @Test
  void conditionsResolveForX8664() {
    SpecFile spec = SpecFile.parse("t.spec", """
        %ifarch x86_64
        %global fips 1
        %endif
        %ifnarch aarch64
        Patch1: notarm.patch
        %endif
        %if 0%{?fips}
        Patch2: fips.patch
        %else
        Patch3: nofips.patch
        %endif
        %if 0%{?acvp_build:1}
        Patch4: acvp.patch
        %elif "%{dist}" == ".ph5"
        Patch5: ph5.patch
        %else
        Patch6: other.patch
        %endif
        %if %{!?kat_build:1}%{?kat_build:0} && (2 > 1 || 0)
        Patch7: nokat.patch
        %endif
        %if %{with_weird_macro} + 1
        Patch8: unknown.patch
        %endif
        """);
    SpecConditions.Result r = SpecConditions.resolve(spec, "x86_64", Map.of("dist", ".ph5"));
    assertThat(r.spec().patches()).extracting(SpecFile.PatchDecl::number).containsExactly(1, 2, 5, 7);
    assertThat(r.notes()).singleElement().asString().startsWith("line 22: cannot evaluate %if %{with_weird_macro} + 1");
    assertThat(SpecConditions.resolve(spec, "aarch64", Map.of()).spec().patches())
        .extracting(SpecFile.PatchDecl::number).containsExactly(3, 6, 7);
  }
}
