package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.ci.Relevance.Reason;
import dev.patchflow.ci.Relevance.Verdict;
import dev.patchflow.ci.config.PatchworkConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RelevanceTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final Relevance.Rules RULES = Relevance.Rules.of(new PatchworkConfig("pw.example.org", "p", null, 3, null,
      null, null, null, null));

  static PwSeriesRef series(long id, String name, int version) {
    return new PwSeriesRef(id, name, version, "https://pw/series/" + id, "https://pw/series/" + id + "/mbox/");
  }

  static PwPatch patch(long id, PwSeriesRef s, String state, Instant date) {
    return patch(id, s, state, date, false);
  }

  static PwPatch patch(long id, PwSeriesRef s, String state, Instant date, boolean archived) {
    return new PwPatch(id, "[" + s.version() + "] p" + id, "<" + id + "@x>", state, archived, date, "A",
        "a@example.org", List.of(s));
  }

  static Instant ago(Duration d) {
    return NOW.minus(d);
  }

  static Stream<Arguments> singleSeries() {
    PwSeriesRef s = series(10, "[PATCH bpf-next] bpf: x", 1);
    Instant recent = ago(Duration.ofMinutes(10));
    return Stream.of(
        Arguments.of("new", List.of(patch(1, s, "new", recent), patch(2, s, "new", recent)), null),
        Arguments.of("one patch accepted", List.of(patch(1, s, "new", recent), patch(2, s, "accepted", recent)),
            Reason.CLOSED),
        Arguments.of("all archived", List.of(patch(1, s, "new", recent, true)), Reason.ARCHIVED),
        Arguments.of("one archived is fine", List.of(patch(1, s, "new", recent, true), patch(2, s, "new", recent)),
            null),
        Arguments.of("no relevant state", List.of(patch(1, s, "some-custom-state", recent)), Reason.NO_RELEVANT_STATE),
        // lookback 3 days counts from midnight UTC: 2026-03-07T00:00Z
        Arguments.of("before the lookback", List.of(patch(1, s, "new", Instant.parse("2026-03-06T23:59:59Z"))),
            Reason.OUTSIDE_LOOKBACK),
        Arguments.of("at the lookback's start", List.of(patch(1, s, "new", Instant.parse("2026-03-07T00:00:00Z"))),
            null),
        Arguments.of("changes-requested within the hour",
            List.of(patch(1, s, "changes-requested", ago(Duration.ofMinutes(59)))), null),
        Arguments.of("changes-requested for an hour",
            List.of(patch(1, s, "changes-requested", ago(Duration.ofMinutes(60)))), Reason.EXPIRED),
        Arguments.of("rfc long ago, but a newer patch since",
            List.of(patch(1, s, "rfc", ago(Duration.ofHours(5))), patch(2, s, "new", ago(Duration.ofMinutes(5)))),
            null),
        Arguments.of("empty name", List.of(patch(1, series(11, "[PATCH]", 1), "new", recent)), Reason.EMPTY_NAME));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleSeries")
  void decidesOneSeries(String name, List<PwPatch> patches, Reason expected) {
    List<Verdict> verdicts = Relevance.decide(patches, RULES, NOW);
    assertThat(verdicts).hasSize(1);
    Verdict v = verdicts.get(0);
    if (expected == null) {
      assertThat(v).isInstanceOf(Verdict.Relevant.class);
      assertThat(v.newest().patches()).hasSameSizeAs(patches);
    } else {
      assertThat(v).isInstanceOfSatisfying(Verdict.Dropped.class, d -> assertThat(d.reason()).isEqualTo(expected));
    }
  }

  @Test
  void theClosedPatchIsNamed() {
    PwSeriesRef s = series(10, "bpf: x", 1);
    Verdict v = Relevance.decide(List.of(patch(1, s, "new", NOW), patch(2, s, "accepted", NOW)), RULES, NOW).get(0);
    assertThat(((Verdict.Dropped) v).detail()).isEqualTo("patch 2 '[1] p2' is accepted");
  }

  @Test
  void theNewestVersionOfASubjectDecidesAndOlderOnesAreSuperseded() {
    PwSeriesRef v1 = series(10, "[PATCH bpf-next] bpf: x", 1);
    PwSeriesRef v2 = series(20, "[PATCH bpf-next v2] bpf: x", 2);
    PwSeriesRef v3 = series(30, "[PATCH v3 bpf-next] bpf: x", 3);
    PwSeriesRef other = series(40, "[PATCH net] net: y", 1);
    Instant t = ago(Duration.ofMinutes(30));
    List<PwPatch> listing = List.of(patch(1, v1, "new", t.minusSeconds(300)), patch(2, v3, "accepted", t),
        patch(3, v2, "superseded", t.minusSeconds(100)), patch(4, other, "new", t.plusSeconds(60)));

    List<Verdict> verdicts = Relevance.decide(listing, RULES, NOW);

    assertThat(verdicts).extracting(Verdict::subject).containsExactly("net: y", "bpf: x");
    Verdict x = verdicts.get(1);
    // v3 is accepted: the whole subject is done, even though v1 looks new
    assertThat(x).isInstanceOfSatisfying(Verdict.Dropped.class, d -> assertThat(d.reason()).isEqualTo(Reason.CLOSED));
    assertThat(x.newest().series().id()).isEqualTo(30);
    assertThat(x.superseded()).extracting(g -> g.series().id()).containsExactly(10L, 20L);
    assertThat(verdicts.get(0)).isInstanceOf(Verdict.Relevant.class);
    assertThat(verdicts.get(0).superseded()).isEmpty();
  }

  @Test
  void aResendOfTheSameVersionWinsByDateThenId() {
    PwSeriesRef first = series(10, "[PATCH v2] x", 2);
    PwSeriesRef resend = series(11, "[PATCH RESEND v2] x", 2);
    PwSeriesRef sameTime = series(12, "[v2] x", 2);
    Instant t = ago(Duration.ofMinutes(30));
    List<PwPatch> listing = new ArrayList<>(List.of(patch(1, first, "new", t), patch(2, resend, "new", t.plusSeconds(9))));
    assertThat(Relevance.decide(listing, RULES, NOW).get(0).newest().series().id()).isEqualTo(11);
    listing.add(patch(3, sameTime, "new", t.plusSeconds(9)));
    Verdict v = Relevance.decide(listing, RULES, NOW).get(0);
    assertThat(v.newest().series().id()).isEqualTo(12);
    assertThat(v.superseded()).extracting(g -> g.series().id()).containsExactly(10L, 11L);
  }

  @Test
  void patchesOfOneSeriesAreGatheredAcrossTheListingOnce() {
    PwSeriesRef s = series(10, "x", 1);
    Instant t = ago(Duration.ofMinutes(1));
    List<Verdict> v = Relevance.decide(List.of(patch(3, s, "new", t), patch(1, s, "new", t), patch(3, s, "new", t)),
        RULES, NOW);
    assertThat(v.get(0).newest().patches()).extracting(PwPatch::id).containsExactly(1L, 3L);
  }

  @Test
  void customTtlsAndStatesComeFromTheConfig() {
    Relevance.Rules rules = Relevance.Rules.of(new PatchworkConfig("pw", "p", null, 0, null, null, List.of("queued"),
        List.of("accepted"), java.util.Map.of("queued", 60L)));
    PwSeriesRef s = series(10, "x", 1);
    assertThat(Relevance.decide(List.of(patch(1, s, "queued", ago(Duration.ofSeconds(59)))), rules, NOW).get(0))
        .isInstanceOf(Verdict.Relevant.class);
    assertThat(Relevance.decide(List.of(patch(1, s, "queued", ago(Duration.ofSeconds(61)))), rules, NOW).get(0))
        .isInstanceOfSatisfying(Verdict.Dropped.class, d -> assertThat(d.reason()).isEqualTo(Reason.EXPIRED));
    assertThat(Relevance.decide(List.of(patch(1, s, "new", NOW)), rules, NOW).get(0))
        .isInstanceOfSatisfying(Verdict.Dropped.class,
            d -> assertThat(d.reason()).isEqualTo(Reason.NO_RELEVANT_STATE));
  }
}
