package dev.patchflow.forge;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is calling: personal tokens mapped to logins, and one GitHub App whose RS256 JWTs are
 * checked (signature, issuer, expiry, at most ten minutes long) before it gets installation
 * tokens, which expire.
 */
final class FakeAuth {
  private final FakeGitHub gh;
  final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Map<String, Instant> installationTokens = new ConcurrentHashMap<>();
  private long appId = -1;
  private String slug;
  private RSAPublicKey appKey;
  private long installationId;
  private Duration tokenLifetime = Duration.ofHours(1);
  /** How many installation tokens were handed out. */
  volatile int tokensIssued;

  FakeAuth(FakeGitHub gh) {
    this.gh = gh;
  }

  void installApp(long id, String appSlug, RSAPublicKey key, long installation, Duration lifetime) {
    this.appId = id;
    this.slug = appSlug;
    this.appKey = key;
    this.installationId = installation;
    this.tokenLifetime = lifetime;
  }

  void routes(Javalin app) {
    app.get("/user", ctx -> gh.respond(ctx, 200, Map.of("login", FakeGitHub.login(ctx), "id", 1)));
    app.get("/app", ctx -> gh.respond(ctx, 200, Map.of("id", appId, "slug", slug, "name", slug)));
    app.post("/app/installations/{id}/access_tokens", this::issueToken);
  }

  /** Runs before every route: sets the caller's login or answers 401. */
  void authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    String credential = header == null ? null : header.replaceFirst("^(?i)(bearer|token) ", "");
    boolean appRoute = ctx.path().equals("/app") || ctx.path().startsWith("/app/");
    if (credential == null) {
      throw new FakeError(401, "Requires authentication");
    }
    if (appRoute) {
      verifyJwt(credential);
      ctx.attribute("login", slug + "[bot]");
      return;
    }
    String user = tokens.get(credential);
    if (user != null) {
      ctx.attribute("login", user);
      return;
    }
    Instant expires = installationTokens.get(credential);
    if (expires != null && gh.clock.instant().isBefore(expires)) {
      ctx.attribute("login", slug + "[bot]");
      return;
    }
    throw new FakeError(401, "Bad credentials");
  }

  private void issueToken(Context ctx) {
    if (Long.parseLong(ctx.pathParam("id")) != installationId) {
      throw FakeError.notFound();
    }
    String token = "ghs_" + UUID.randomUUID().toString().replace("-", "");
    Instant expires = gh.clock.instant().plus(tokenLifetime);
    installationTokens.put(token, expires);
    tokensIssued++;
    gh.respond(ctx, 201, Map.of("token", token, "expires_at", expires.toString()));
  }

  private void verifyJwt(String jwt) {
    if (appKey == null) {
      throw new FakeError(401, "No app is installed");
    }
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      throw new FakeError(401, "A JSON web token could not be decoded");
    }
    try {
      Base64.Decoder d = Base64.getUrlDecoder();
      JsonNode header = FakeGitHub.JSON.readTree(d.decode(parts[0]));
      JsonNode claims = FakeGitHub.JSON.readTree(d.decode(parts[1]));
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(appKey);
      s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!"RS256".equals(header.path("alg").asText()) || !s.verify(d.decode(parts[2]))) {
        throw new FakeError(401, "A JSON web token could not be decoded");
      }
      long now = gh.clock.instant().getEpochSecond();
      long iat = claims.path("iat").asLong();
      long exp = claims.path("exp").asLong();
      if (!claims.path("iss").asText().equals(Long.toString(appId))) {
        throw new FakeError(401, "'Issuer' claim ('iss') must be an Integer");
      }
      if (exp <= now || iat > now + 60 || exp - iat > 600) {
        throw new FakeError(401, "'Expiration time' claim ('exp') is too far in the future or in the past");
      }
    } catch (FakeError e) {
      throw e;
    } catch (Exception e) {
      throw new FakeError(401, "A JSON web token could not be decoded");
    }
  }
}
