package dev.patchflow.ci;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** GitHub's webhook signature (X-Hub-Signature-256: sha256=HMAC(secret, body)), checked in constant time. */
public final class WebhookSignature {
  private WebhookSignature() {}

  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  public static boolean valid(String secret, byte[] body, String header) {
    if (header == null || secret == null || secret.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII),
        header.strip().getBytes(StandardCharsets.US_ASCII));
  }
}
