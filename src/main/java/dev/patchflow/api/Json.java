package dev.patchflow.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON for the APIs: ordered objects, Patchwork's date form. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final DateTimeFormatter PW_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private Json() {}

  /** An ordered JSON object under construction. */
  public static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  /** Patchwork's dates: UTC, to the second, no zone suffix. */
  public static String date(Instant i) {
    return i == null ? null : PW_DATE.format(i);
  }

  public static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode read(String s) {
    try {
      return MAPPER.readTree(s);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("JSON parse error - " + e.getOriginalMessage());
    }
  }
}
