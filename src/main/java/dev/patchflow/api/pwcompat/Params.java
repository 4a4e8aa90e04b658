package dev.patchflow.api.pwcompat;

import dev.patchflow.api.ApiException;
import dev.patchflow.store.ProjectRepository;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * Query parameters as Patchwork reads them: repeatable filters (OR-ed), ids or names. A filter
 * naming nothing that exists matches nothing (200 with an empty list), never 400.
 */
final class Params {
  /** Thrown when a filter can match nothing; the resource answers []. */
  static final class NoMatch extends RuntimeException {
    NoMatch() {
      super(null, null, false, false);
    }
  }

  private Params() {}

  static List<String> all(Context ctx, String name) {
    List<String> out = new ArrayList<>();
    for (String v : ctx.queryParams(name)) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  static String one(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** Project ids from ids or linknames. */
  static List<Long> projects(Context ctx, Handle h) {
    List<String> given = all(ctx, "project");
    if (given.isEmpty()) {
      return List.of();
    }
    ProjectRepository repo = new ProjectRepository();
    List<Long> out = new ArrayList<>();
    for (String g : given) {
      repo.details(h, g).ifPresent(p -> out.add(p.id()));
    }
    if (out.isEmpty()) {
      throw new NoMatch();
    }
    return out;
  }

  /** Senders named by id or e-mail address. */
  record Submitters(List<Long> ids, List<String> emails) {}

  static Submitters submitters(Context ctx) {
    List<Long> ids = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    for (String s : all(ctx, "submitter")) {
      if (s.matches("\\d{1,18}")) {
        ids.add(Long.parseLong(s));
      } else {
        emails.add(s.toLowerCase(Locale.ROOT));
      }
    }
    return new Submitters(ids, emails);
  }

  static List<Long> ids(Context ctx, String name) {
    List<Long> out = new ArrayList<>();
    List<String> given = all(ctx, name);
    for (String g : given) {
      if (g.matches("\\d{1,18}")) {
        out.add(Long.parseLong(g));
      }
    }
    if (!given.isEmpty() && out.isEmpty()) {
      throw new NoMatch();
    }
    return out;
  }

  static Boolean bool(Context ctx, String name) {
    String v = one(ctx, name);
    if (v == null) {
      return null;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw ApiException.badRequest(name + ": must be a valid boolean.");
    };
  }

  /** since/before: ISO date-times, UTC when no zone is given. */
  static Instant time(Context ctx, String name) {
    String v = one(ctx, name);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        try {
          return java.time.LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e3) {
          throw ApiException.badRequest(name + ": enter a valid date/time.");
        }
      }
    }
  }

  static String order(Context ctx, List<String> allowed) {
    String v = one(ctx, "order");
    if (v == null) {
      return null;
    }
    return allowed.contains(v) ? v : null;
  }

  static long pathId(Context ctx, String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw ApiException.notFound();
    }
  }
}
