package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final Flavours F = Flavours.photon();
  private static final Set<String> ALL_THREE = Set.of("base", "esx", "rt");
  private static final Set<String> NO_RT = Set.of("base", "esx");

  private static Router router(String rules) throws Exception {
    return new Router(RoutingRules.parse("patch_routing.skills", rules, F), PathRules.defaults(F), F);
  }

  @Test
  void aRuleWinsOverThePaths() throws Exception {
    Router r = router("# comment\n\n1e988c3fe126|esx|ESX only, whatever it touches\n");
    Route route = r.route("1e988c3fe1264708f4f92109203ac5b1d65de50b", List.of("drivers/gpu/drm/i915/i915_gem.c"), ALL_THREE);
    assertThat(route).isInstanceOf(Route.To.class);
    assertThat(((Route.To) route).specs()).containsExactly("linux-esx.spec");
    assertThat(route.reason()).contains("patch_routing.skills line 3");
  }

  @Test
  void allNoneAndCommaLists() throws Exception {
    Router r = router("aaaa1111|all|x\nbbbb2222|none|not for Photon\ncccc3333|rt, base|order follows the flavours\n");
    assertThat(((Route.To) r.route("aaaa1111ffff", List.of(), ALL_THREE)).specs())
        .containsExactly("linux.spec", "linux-esx.spec", "linux-rt.spec");
    Route none = r.route("BBBB2222ffff", List.of("mm/memory.c"), ALL_THREE);
    assertThat(none).isInstanceOf(Route.Skip.class);
    assertThat(((Route.Skip) none).status()).isEqualTo("routing_none");
    assertThat(((Route.To) r.route("cccc3333", List.of(), ALL_THREE)).flavours()).containsExactly("base", "rt");
  }

  @Test
  void theShippedPathRulesFirstMatchWins() throws Exception {
    Router r = router("");
    assertThat(((Route.To) r.route("0123abcd", List.of("drivers/gpu/drm/amd/display/dc/x.c"), ALL_THREE)).flavours())
        .containsExactly("base");
    assertThat(((Route.To) r.route("0123abcd", List.of("arch/x86/kvm/x86.c"), ALL_THREE)).flavours())
        .containsExactly("base", "esx");
    for (String p : List.of("drivers/hyperv/vmbus_drv.c", "drivers/vmw/x.c", "drivers/xen/events/events_base.c")) {
      assertThat(((Route.To) r.route("0123abcd", List.of(p), ALL_THREE)).flavours()).as(p).containsExactly("base", "esx");
    }
    Route rt = r.route("0123abcd", List.of("kernel/sched/rt.c"), ALL_THREE);
    assertThat(((Route.To) rt).flavours()).containsExactly("base", "rt");
    assertThat(rt.reason()).contains("kernel/sched/*rt*").contains("kernel/sched/rt.c");
    // The first rule in the list wins, not the first path of the patch.
    assertThat(((Route.To) r.route("0123abcd", List.of("kernel/sched/rt.c", "drivers/gpu/x.c"), ALL_THREE)).flavours())
        .containsExactly("base");
    Route other = r.route("0123abcd", List.of("kernel/sched/fair.c", "io_uring/io_uring.c"), ALL_THREE);
    assertThat(((Route.To) other).flavours()).containsExactly("base", "esx", "rt");
    assertThat(other.reason()).isEqualTo("default (all)");
  }

  @Test
  void aTargetTheLineLacksIsSkippedWithAWarning() throws Exception {
    Router r = router("");
    Route route = r.route("0123abcd", List.of("kernel/sched/rt.c"), NO_RT);
    assertThat(((Route.To) route).specs()).containsExactly("linux.spec");
    assertThat(((Route.To) route).warnings()).singleElement().asString().contains("linux-rt.spec");
    // "all" means every spec the line has, so nothing to warn about.
    assertThat(((Route.To) r.route("0123abcd", List.of("mm/slub.c"), NO_RT)).warnings()).isEmpty();
    Route onlyRt = router("dead0000|rt|rt only\n").route("dead0000beef", List.of(), NO_RT);
    assertThat(onlyRt).isInstanceOf(Route.Skip.class);
    assertThat(((Route.Skip) onlyRt).status()).isEqualTo("no_target_spec");
    assertThat(((Route.Skip) onlyRt).warnings()).hasSize(1);
  }

  @Test
  void pathRulesAreConfigAndUnknownTargetsAreRefused() {
    PathRules custom = new PathRules(List.of(new PathRules.PathRule("net/*", Targets.parse("esx", F))));
    Router r = new Router(RoutingRules.empty(), custom, F);
    assertThat(((Route.To) r.route("0123abcd", List.of("net/ipv4/tcp.c"), ALL_THREE)).flavours()).containsExactly("esx");
    assertThat(((Route.To) r.route("0123abcd", List.of("drivers/gpu/x.c"), ALL_THREE)).flavours()).hasSize(3);
    assertThatThrownBy(() -> Targets.parse("base,aws", F)).hasMessageContaining("unknown target 'aws'");
  }

  @Test
  void rulesFileErrorsNameTheFileAndLine() {
    assertThatThrownBy(() -> RoutingRules.parse("patch_routing.skills", "abc123|all|ok\n\nno pipes here\n", F))
        .isInstanceOf(RoutingRules.RulesException.class)
        .hasMessageStartingWith("patch_routing.skills:3: ");
    assertThatThrownBy(() -> RoutingRules.parse("r.skills", "abc123|base,gpu|x\n", F))
        .hasMessageStartingWith("r.skills:1: unknown target 'gpu'");
    assertThatThrownBy(() -> RoutingRules.parse("r.skills", "# c\nabc123|all,rt|x\n", F))
        .hasMessageStartingWith("r.skills:2: ");
    assertThatThrownBy(() -> RoutingRules.parse("r.skills", "abc123||x\n", F)).hasMessageStartingWith("r.skills:1: no targets");
    assertThatThrownBy(() -> RoutingRules.parse("r.skills", "abc 123|all|x\n", F)).hasMessageStartingWith("r.skills:1: bad commit prefix");
    assertThatThrownBy(() -> RoutingRules.parse("r.skills", "abc123|all|x\nABC123|none|y\n", F))
        .hasMessage("r.skills:2: commit prefix abc123 already has a rule on line 1");
  }

  @Test
  void theSeedsExampleFileIsAcceptedAsItIs() throws Exception {
    String seed = "abc123def456|all|Fix CVE-2024-1234 affecting all kernel variants\n"
        + "789xyz012abc|esx|ESX-specific virtualization fix\n"
        + "def456ghi789|base,rt|Fix for base and RT kernels, not ESX\n"
        + "skip12345678|none|Patch not applicable to Photon OS\n";
    RoutingRules rules = RoutingRules.parse("patch_routing.skills", seed, F);
    assertThat(rules.rules()).hasSize(4);
    assertThat(rules.rules().get(2).description()).isEqualTo("Fix for base and RT kernels, not ESX");
    assertThat(rules.find("def456ghi789aaaa").orElseThrow().targets().names()).containsExactly("base", "rt");
  }
}
