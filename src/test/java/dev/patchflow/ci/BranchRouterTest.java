package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.ci.BranchRouter.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BranchRouterTest {
  private static Map<String, List<String>> mapping(Object... kv) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> v = (List<String>) kv[i + 1];
      m.put((String) kv[i], v);
    }
    return m;
  }

  static Stream<Arguments> cases() {
    Map<String, List<String>> kpd = mapping("bpf", List.of("bpf"), "bpf-next", List.of("bpf-next"),
        "__DEFAULT__", List.of("bpf-next", "bpf"));
    return Stream.of(
        Arguments.of("one tag", Set.of("V1", "new", "bpf"), kpd, new Route.Branches("bpf", List.of("bpf"))),
        // the mapping's order decides, not the tags'
        Arguments.of("two mapped tags", new java.util.LinkedHashSet<>(List.of("bpf-next", "bpf")), kpd,
            new Route.Branches("bpf", List.of("bpf"))),
        Arguments.of("no mapped tag", Set.of("V2", "net"), kpd,
            new Route.Branches("__DEFAULT__", List.of("bpf-next", "bpf"))),
        Arguments.of("case counts", Set.of("BPF"), kpd, new Route.Branches("__DEFAULT__", List.of("bpf-next", "bpf"))),
        Arguments.of("no default", Set.of("net"), mapping("bpf", List.of("bpf")),
            new Route.Skip("no tag of the series is in tag_to_branch_mapping, which has no __DEFAULT__")),
        Arguments.of("empty list skips", Set.of("RFC", "bpf"), mapping("RFC", List.of(), "bpf", List.of("bpf")),
            new Route.Skip("tag 'RFC' maps to no branch")),
        Arguments.of("empty default skips", Set.of("net"), mapping("__DEFAULT__", List.of()),
            new Route.Skip("tag '__DEFAULT__' maps to no branch")),
        // __DEFAULT__ first in the mapping is still only the fallback
        Arguments.of("the default is no tag", Set.of("__DEFAULT__", "bpf"),
            mapping("__DEFAULT__", List.of("x"), "bpf", List.of("bpf")), new Route.Branches("bpf", List.of("bpf"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void routes(String name, Set<String> tags, Map<String, List<String>> mapping, Route expected) {
    assertThat(BranchRouter.route(tags, mapping)).isEqualTo(expected);
  }
}
