package dev.patchflow.api;

import dev.patchflow.users.Principal;
import dev.patchflow.users.Users;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who a request comes from: "Authorization: Token KEY", HTTP Basic, or the web session cookie. A bad
 * credential is an error (not silently anonymous), so a client with a stale token finds out.
 */
public final class Auth {
  static final String PRINCIPAL = "patchflow.principal";
  /** The web session's cookie (see web.Sessions). */
  public static final String SESSION_COOKIE = "patchflow_session";
  private final Users users;
  private final LoginThrottle throttle;

  public Auth(Users users, LoginThrottle throttle) {
    this.users = users;
    this.throttle = throttle;
  }

  public void resolve(Context ctx) {
    String header = ctx.header("Authorization");
    Principal p = Principal.ANONYMOUS;
    if (header != null && header.regionMatches(true, 0, "Token ", 0, 6)) {
      p = users.byToken(header.substring(6).strip()).orElseThrow(() -> new ApiException(401, "Invalid token."));
    } else if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new ApiException(401, "Invalid basic header.");
      }
      int colon = decoded.indexOf(':');
      String user = colon < 0 ? decoded : decoded.substring(0, colon);
      throttle.check(ctx.ip(), user);
      p = users.byPassword(user, colon < 0 ? "" : decoded.substring(colon + 1))
          .orElseThrow(() -> {
            throttle.failed(ctx.ip(), user);
            return new ApiException(401, "Invalid username/password.");
          });
    } else if (ctx.cookie(SESSION_COOKIE) != null) {
      // An expired or closed session is simply not logged in: the browser keeps old cookies.
      p = users.bySession(ctx.cookie(SESSION_COOKIE)).orElse(Principal.ANONYMOUS);
    }
    ctx.attribute(PRINCIPAL, p);
  }

  public static Principal principal(Context ctx) {
    Principal p = ctx.attribute(PRINCIPAL);
    return p == null ? Principal.ANONYMOUS : p;
  }

  /** The caller, who must be logged in. */
  public static Principal required(Context ctx) {
    Principal p = principal(ctx);
    if (!p.authenticated()) {
      throw ApiException.notAuthenticated();
    }
    return p;
  }
}
