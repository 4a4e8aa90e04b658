package dev.patchflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlsTest {
  /** What web URLs carried before the one-pass encoder: the JDK's form encoding, made readable. */
  private static String reference(String msgid) {
    return URLEncoder.encode(msgid, StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@")
        .replace("%24", "$").replace("%2B", "+").replace("%3D", "=");
  }

  @Test
  void messageIdsInUrlsStayReadableAndRoundTrip() {
    for (String id : List.of("20260101.1234-1-ada@example.org", "CAHk-=wg+x$y@mail.gmail.com", "a b/c?d#e%f&g@x",
        "ünï-cödé@例え.jp", "tab\there@x", "<brackets>@x", "~tilde'quote\"@x", "")) {
      String encoded = Urls.msgid(id);
      assertThat(encoded).isEqualTo(reference(id));
      assertThat(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(id);
    }
    assertThat(Urls.msgid("20260101.1234-1-ada@example.org")).isEqualTo("20260101.1234-1-ada@example.org");
  }
}
