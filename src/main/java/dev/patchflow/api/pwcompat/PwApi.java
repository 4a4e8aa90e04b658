package dev.patchflow.api.pwcompat;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.Json;
import dev.patchflow.store.Database;
import dev.patchflow.tracking.Denied;
import dev.patchflow.tracking.Invalid;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/** What every Patchwork resource does around its own work: a handle, the version, JSON out. */
final class PwApi {
  static final String VERSION = "patchflow.pw.version";

  /** The body of a read: JSON-able data from the request's view. */
  interface Read {
    Object run(PwContext pw, Handle h);
  }

  private final Database db;

  PwApi(Database db) {
    this.db = db;
  }

  void read(Context ctx, Read read) {
    Object body;
    try {
      body = db.jdbi().withHandle(h -> read.run(new PwContext(ctx, version(ctx), h), h));
    } catch (Params.NoMatch e) {
      body = List.of();
    }
    json(ctx, body);
  }

  static void json(Context ctx, Object body) {
    ctx.header("Vary", "Accept");
    ctx.contentType("application/json").result(Json.write(body));
  }

  /** The caller, who must be logged in (403 when not, as Patchwork answers). */
  static dev.patchflow.users.Principal login(Context ctx) {
    dev.patchflow.users.Principal p = dev.patchflow.api.Auth.principal(ctx);
    if (!p.authenticated()) {
      throw ApiException.notAuthenticatedPatchwork();
    }
    return p;
  }

  static PwVersion version(Context ctx) {
    PwVersion v = ctx.attribute(VERSION);
    return v == null ? PwVersion.LATEST : v;
  }

  /** Runs a tracking action, turning its refusals into API answers. */
  <T> T act(Supplier<T> action) {
    try {
      return action.get();
    } catch (Denied e) {
      throw e.authenticated() ? new ApiException(403, e.getMessage()) : ApiException.notAuthenticatedPatchwork();
    } catch (Invalid e) {
      throw e.getMessage().equals("Not found.") ? ApiException.notFound() : ApiException.badRequest(e.getMessage());
    }
  }
}
