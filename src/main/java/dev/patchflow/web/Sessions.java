package dev.patchflow.web;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.Auth;
import dev.patchflow.api.LoginThrottle;
import dev.patchflow.users.Principal;
import dev.patchflow.users.Users;
import io.javalin.http.Context;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/** Web logins: a session per browser, a CSRF token per session checked on every form post. */
final class Sessions {
  private static final String CSRF = "patchflow.csrf";
  private final Users users;
  private final LoginThrottle throttle;
  private final SecureRandom random = new SecureRandom();

  Sessions(Users users, LoginThrottle throttle) {
    this.users = users;
    this.throttle = throttle;
  }

  /** The session's CSRF token, made on first use. */
  String csrf(Context ctx) {
    String token = ctx.sessionAttribute(CSRF);
    if (token == null) {
      byte[] b = new byte[24];
      random.nextBytes(b);
      token = HexFormat.of().formatHex(b);
      ctx.sessionAttribute(CSRF, token);
    }
    return token;
  }

  /** Every state-changing form must carry the session's token. */
  void checkCsrf(Context ctx) {
    String expected = ctx.req().getSession(false) == null ? null : ctx.sessionAttribute(CSRF);
    String given = ctx.formParam("csrf");
    if (expected == null || given == null
        || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(403, "CSRF check failed: reload the page and try again.");
    }
  }

  /** Logs in; an error message for the form when the credentials do not match. */
  Optional<String> login(Context ctx, String username, String password) {
    checkCsrf(ctx);
    throttle.check(ctx.ip(), username == null ? "" : username);
    Optional<Principal> p = username == null || password == null ? Optional.empty() : users.byPassword(username, password);
    if (p.isEmpty()) {
      throttle.failed(ctx.ip(), username == null ? "" : username);
      return Optional.of("Wrong username or password.");
    }
    // a new session on login, so a session id fixed before login is useless afterwards
    ctx.req().getSession().invalidate();
    ctx.sessionAttribute(Auth.SESSION_USER, p.get());
    csrf(ctx);
    return Optional.empty();
  }

  void logout(Context ctx) {
    checkCsrf(ctx);
    ctx.req().getSession().invalidate();
  }
}
