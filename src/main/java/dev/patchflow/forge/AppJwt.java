package dev.patchflow.forge;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;

/**
 * The short-lived RS256 JWT a GitHub App signs to ask for installation tokens. Issued a minute
 * in the past against clock drift, valid nine minutes (GitHub allows at most ten).
 */
final class AppJwt {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private AppJwt() {}

  static String sign(String appId, RSAPrivateKey key, Instant now) {
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String payload = "{\"iat\":" + now.minusSeconds(60).getEpochSecond() + ",\"exp\":"
        + now.plusSeconds(9 * 60).getEpochSecond() + ",\"iss\":\"" + appId.replace("\"", "") + "\"}";
    String signingInput = b64(header) + "." + b64(payload);
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the GitHub App JWT: " + e.getClass().getSimpleName(), e);
    }
  }

  private static String b64(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
