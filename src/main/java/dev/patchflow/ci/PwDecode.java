package dev.patchflow.ci;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Patchwork JSON into the bridge's records. Reads only the fields it needs and copes with what
 * differs between API 1.0 and 1.3 and between servers: web_url missing before 1.1, unknown
 * fields, states written as names, dates without a zone (Patchwork's are UTC).
 */
final class PwDecode {
  static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private PwDecode() {}

  static JsonNode tree(byte[] body) throws IOException {
    return MAPPER.readTree(body);
  }

  static PwPatch patch(JsonNode p) {
    JsonNode submitter = p.path("submitter");
    List<PwSeriesRef> series = new ArrayList<>();
    JsonNode s = p.path("series");
    if (s.isArray()) {
      s.forEach(x -> series.add(seriesRef(x)));
    } else if (s.isObject()) {
      series.add(seriesRef(s)); // a lone object, as some old servers sent it
    }
    return new PwPatch(p.path("id").asLong(), text(p, "name"), msgid(text(p, "msgid")), state(p.path("state")),
        p.path("archived").asBoolean(false), date(text(p, "date")), text(submitter, "name"), text(submitter, "email"),
        series);
  }

  static PwSeriesRef seriesRef(JsonNode s) {
    return new PwSeriesRef(s.path("id").asLong(), text(s, "name"), s.path("version").asInt(1), text(s, "web_url"),
        text(s, "mbox"));
  }

  /** A series in detail; its patches carry no state (a series lists only their names). */
  static PwSeries series(JsonNode s) {
    long id = s.path("id").asLong();
    PwSeriesRef self = seriesRef(s);
    JsonNode submitter = s.path("submitter");
    JsonNode cover = s.path("cover_letter");
    List<PwPatch> patches = new ArrayList<>();
    for (JsonNode p : s.path("patches")) {
      patches.add(new PwPatch(p.path("id").asLong(), text(p, "name"), msgid(text(p, "msgid")), null, false,
          date(text(p, "date")), text(submitter, "name"), text(submitter, "email"), List.of(self)));
    }
    boolean hasCover = cover.isObject();
    return new PwSeries(id, text(s, "name"), s.path("version").asInt(1), date(text(s, "date")), text(s, "web_url"),
        text(s, "mbox"), text(submitter, "name"), text(submitter, "email"), hasCover ? text(cover, "name") : null,
        hasCover ? msgid(text(cover, "msgid")) : null, patches);
  }

  /** Whether the server has every patch of the series (then it no longer changes). */
  static boolean complete(JsonNode s) {
    return s.path("received_all").asBoolean(false);
  }

  /** A check, or null when its state is none this bridge knows. */
  static PwCheck check(JsonNode c) {
    String state = text(c, "state");
    if (state == null) {
      return null;
    }
    CheckState st;
    try {
      st = CheckState.valueOf(state.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
    return new PwCheck(text(c, "context"), st, text(c, "target_url"), text(c, "description"));
  }

  /** A state's slug; a server that sends a name ("Changes Requested") gets it slugged. */
  static String state(JsonNode n) {
    String v = n.isObject() ? text(n, "slug") != null ? text(n, "slug") : text(n, "name") : n.isTextual() ? n.asText()
        : null;
    return v == null ? null : v.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
  }

  /** Message-IDs always with their angle brackets, as mail headers want them. */
  static String msgid(String m) {
    if (m == null || m.isBlank()) {
      return null;
    }
    String s = m.strip();
    return s.startsWith("<") ? s : "<" + s + ">";
  }

  /** Patchwork dates: ISO, usually without a zone (then UTC), sometimes with microseconds. */
  static Instant date(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asText();
  }
}
