package dev.patchflow.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server URLs, Link headers and dates as Patchwork servers write them. */
class PwWireTest {
  @Test
  void serverUrlsWithOrWithoutTheApiPart() {
    assertThat(PwBaseUrl.of("https://patchwork.kernel.org/api/1.2").toString())
        .isEqualTo("https://patchwork.kernel.org/api/1.2/");
    assertThat(PwBaseUrl.of("http://host:8000/api/1.3/").toString()).isEqualTo("http://host:8000/api/1.3/");
    assertThat(PwBaseUrl.of("http://host/api/").toString()).isEqualTo("http://host/api/");
    assertThat(PwBaseUrl.of("https://host").toString()).isEqualTo("https://host/api/1.2/");
    assertThat(PwBaseUrl.of("https://host/patchwork/").toString()).isEqualTo("https://host/patchwork/api/1.2/");
    assertThatThrownBy(() -> PwBaseUrl.of("https://user:pw@host/api/1.2/")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("pw@");
    assertThatThrownBy(() -> PwBaseUrl.of("ftp://host/")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nextLinks() {
    assertThat(PwLinks.next(List.of("<https://h/api/1.2/patches/?page=2>; rel=\"next\", <https://h/x?page=9>; rel=\"last\"")))
        .isEqualTo("https://h/api/1.2/patches/?page=2");
    assertThat(PwLinks.next(List.of("<https://h/a?page=1>; rel=\"prev\"", "<https://h/a?page=3>; rel=next")))
        .isEqualTo("https://h/a?page=3");
    assertThat(PwLinks.next(List.of("<https://h/a?page=1>; rel=\"first prev\""))).isNull();
    assertThat(PwLinks.next(List.of())).isNull();
  }

  @Test
  void datesWithoutAZoneAreUtc() {
    assertThat(PwDecode.date("2026-01-05T10:00:00")).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    assertThat(PwDecode.date("2026-01-05T10:00:00.5")).isEqualTo(Instant.parse("2026-01-05T10:00:00.500Z"));
    assertThat(PwDecode.date("2026-01-05T12:00:00+02:00")).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    assertThat(PwDecode.date("2026-01-05 10:00:00")).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    assertThat(PwDecode.date("yesterday")).isNull();
    assertThat(PwDecode.msgid("a@b")).isEqualTo("<a@b>");
  }
}
