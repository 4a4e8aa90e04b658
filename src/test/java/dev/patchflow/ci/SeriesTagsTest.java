package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SeriesTagsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "[bpf-next,v3,1/3] bpf: fix x               | bpf-next",
      "[PATCH bpf-next v3 0/3] bpf: fix x         | bpf-next",
      "[RFC PATCH net-next 2/7] net: y            | RFC net-next",
      "[PATCH] [net] tcp: z                       | net",
      "[PATCH v2 RESEND,bpf] x                    | RESEND bpf",
      "[patch V12 10/12] x                        | ''",
      "bpf: no prefix at all                      | ''",
      "bpf: a [bracket] inside the subject        | ''",
      "[patchset-x] keeps words that start with patch | patchset-x",
  })
  void prefixWordsBecomeTags(String name, String expected) {
    List<String> want = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
    assertThat(SeriesTags.of(3, List.of(), List.of(name))).containsExactlyElementsOf(concat("V3", want));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "[bpf-next,v3,1/3] bpf: fix x      | bpf: fix x",
      "[PATCH] [net] tcp: z              | tcp: z",
      "  [v2]   spaced  out              | spaced  out",
      "no prefix                         | no prefix",
      "[PATCH v2]                        | ''",
  })
  void theSubjectIsTheNameWithoutPrefixes(String name, String subject) {
    assertThat(SeriesName.subject(name)).isEqualTo(subject);
  }

  @Test
  void aSeriesGivesItsVersionStatesAndTheTagsOfEveryName() {
    PwSeries s = new PwSeries(7, "[PATCH bpf-next v2 0/2] bpf: two things", 2, Instant.EPOCH, null, null, "A",
        "a@example.org", "[PATCH bpf-next v2 0/2] bpf: two things", "<c@x>", List.of(
            patch(1, "[bpf-next,v2,1/2] bpf: one", "new"),
            patch(2, "[RFC,bpf-next,v2,2/2] bpf: two", "changes-requested")));
    assertThat(SeriesTags.of(s)).containsExactly("V2", "new", "changes-requested", "bpf-next", "RFC");
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> out = new java.util.ArrayList<>(List.of(first));
    out.addAll(rest);
    return out;
  }

  static PwPatch patch(long id, String name, String state) {
    return new PwPatch(id, name, "<" + id + "@x>", state, false, Instant.EPOCH, "A", "a@example.org", List.of());
  }
}
