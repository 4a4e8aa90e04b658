package dev.patchflow.web;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.Auth;
import dev.patchflow.api.LoginThrottle;
import dev.patchflow.users.Principal;
import dev.patchflow.users.Users;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Web logins. A session is a random token in a cookie, kept (hashed) in the store, so that any
 * replica knows it. Every form post carries a CSRF token: for a logged-in user it is derived
 * from the session token (a page cannot read the cookie, so it cannot forge it); the login form,
 * before there is a session, checks a token against a cookie of its own.
 */
final class Sessions {
  static final Duration LIFETIME = Duration.ofDays(14);
  private static final String LOGIN_CSRF = "patchflow_login_csrf";
  private final Users users;
  private final LoginThrottle throttle;
  private final SecureRandom random = new SecureRandom();

  Sessions(Users users, LoginThrottle throttle) {
    this.users = users;
    this.throttle = throttle;
  }

  /** The token this request's forms must carry. */
  String csrf(Context ctx) {
    String session = liveSession(ctx);
    if (session != null) {
      return derived(session);
    }
    String token = ctx.cookie(LOGIN_CSRF);
    if (token == null || !token.matches("[0-9a-f]{48}")) {
      byte[] b = new byte[24];
      random.nextBytes(b);
      token = HexFormat.of().formatHex(b);
      ctx.cookie(cookie(ctx, LOGIN_CSRF, token, -1));
    }
    return token;
  }

  /** Every state-changing form must carry the token of {@link #csrf}. */
  void checkCsrf(Context ctx) {
    String session = liveSession(ctx);
    String expected = session != null ? derived(session) : ctx.cookie(LOGIN_CSRF);
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
    String old = ctx.cookie(Auth.SESSION_COOKIE);
    if (old != null) {
      users.closeSession(old);
    }
    // Always a new token on login, so a session id planted before login is useless afterwards.
    String token = users.openSession(p.get().userId(), LIFETIME);
    ctx.cookie(cookie(ctx, Auth.SESSION_COOKIE, token, (int) LIFETIME.toSeconds()));
    ctx.removeCookie(LOGIN_CSRF, "/");
    return Optional.empty();
  }

  void logout(Context ctx) {
    checkCsrf(ctx);
    String token = ctx.cookie(Auth.SESSION_COOKIE);
    if (token != null) {
      users.closeSession(token);
    }
    ctx.removeCookie(Auth.SESSION_COOKIE, "/");
  }

  /** The session token when this request is logged in by it. */
  private static String liveSession(Context ctx) {
    return Auth.principal(ctx).authenticated() && ctx.header("Authorization") == null
        ? ctx.cookie(Auth.SESSION_COOKIE) : null;
  }

  private static String derived(String session) {
    return Users.tokenHash("csrf " + session);
  }

  private static Cookie cookie(Context ctx, String name, String value, int maxAge) {
    return new Cookie(name, value, "/", maxAge, ctx.scheme().equals("https"), 0, true, null, null, SameSite.LAX);
  }
}
