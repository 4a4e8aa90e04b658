package dev.patchflow.backport;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A report dropped into the watched directory: the upstream commits to backport. Either text,
 * one 12–40 hex commit id a line, blank lines and {@code #} comments (whole-line or trailing)
 * allowed; or a JSON array of such strings. Ids come back lower-case, first occurrence kept.
 */
public final class ReportFile {
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{12,40}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A report that cannot be read, naming the file and the 1-based line. */
  public static final class Malformed extends Exception {
    private final String file;
    private final int line;

    public Malformed(String file, int line, String message) {
      super(file + ":" + line + ": " + message);
      this.file = file;
      this.line = line;
    }

    public String file() {
      return file;
    }

    public int line() {
      return line;
    }
  }

  private ReportFile() {}

  /** The commit ids of {@code text}; {@code name} is only for errors. An empty report is valid and lists nothing. */
  public static List<String> parse(String name, String text) throws Malformed {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (body.stripLeading().startsWith("[")) {
      return json(name, body);
    }
    Set<String> out = new LinkedHashSet<>();
    String[] lines = body.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      String value = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (value.isEmpty()) {
        continue;
      }
      if (!SHA.matcher(value).matches()) {
        throw new Malformed(name, i + 1, "not a commit id (12 to 40 hex digits): '" + shorten(value) + "'");
      }
      out.add(value.toLowerCase(Locale.ROOT));
    }
    return List.copyOf(out);
  }

  private static List<String> json(String name, String text) throws Malformed {
    Set<String> out = new LinkedHashSet<>();
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new Malformed(name, line(p.currentLocation()), "want a JSON array of commit ids");
      }
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new Malformed(name, line(p.currentLocation()), "the JSON array is not closed");
        }
        if (t != JsonToken.VALUE_STRING) {
          throw new Malformed(name, line(p.currentTokenLocation()), "want a string commit id, got " + (t.asString() != null ? "'" + t.asString() + "'" : t.name().toLowerCase(Locale.ROOT)));
        }
        String v = p.getText().strip();
        if (!SHA.matcher(v).matches()) {
          throw new Malformed(name, line(p.currentTokenLocation()), "not a commit id (12 to 40 hex digits): '" + shorten(v) + "'");
        }
        out.add(v.toLowerCase(Locale.ROOT));
      }
      if (p.nextToken() != null) {
        throw new Malformed(name, line(p.currentTokenLocation()), "text after the JSON array");
      }
    } catch (JsonProcessingException e) {
      throw new Malformed(name, line(e.getLocation()), "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Malformed(name, 1, e.getMessage());
    }
    return List.copyOf(out);
  }

  private static int line(JsonLocation l) {
    return l == null || l.getLineNr() < 1 ? 1 : l.getLineNr();
  }

  private static String shorten(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
