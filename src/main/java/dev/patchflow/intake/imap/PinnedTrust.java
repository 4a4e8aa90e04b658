package dev.patchflow.intake.imap;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts exactly one server certificate, named by its SHA-256 fingerprint: for list servers
 * with self-signed certificates, and stricter than any authority where one is used.
 */
final class PinnedTrust implements X509TrustManager {
  /** The server showed another certificate than the pinned one. */
  static final class Mismatch extends CertificateException {
    Mismatch(String message) {
      super(message);
    }
  }

  private final String source;
  private final String expected;

  PinnedTrust(String source, String fingerprint) {
    this.source = source;
    this.expected = normalize(fingerprint);
  }

  static SSLSocketFactory socketFactory(String source, String fingerprint) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new PinnedTrust(source, fingerprint)}, null);
      return ctx.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this Java runtime", e);
    }
  }

  /** "ab:CD:01..." or "abcd01..." as upper-case hex pairs joined by colons. */
  static String normalize(String fingerprint) {
    String hex = fingerprint.replace(":", "").trim().toUpperCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 2) {
      out.append(i == 0 ? "" : ":").append(hex, i, Math.min(i + 2, hex.length()));
    }
    return out.toString();
  }

  static String fingerprintOf(X509Certificate cert) throws CertificateException {
    try {
      return normalize(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new Mismatch("IMAP source '" + source + "': the server sent no certificate");
    }
    String seen = fingerprintOf(chain[0]);
    if (!seen.equals(expected)) {
      throw new Mismatch("IMAP source '" + source + "': server certificate refused: its SHA-256 fingerprint is "
          + seen + " but the config pins " + expected);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("an IMAP client does not accept client certificates");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
