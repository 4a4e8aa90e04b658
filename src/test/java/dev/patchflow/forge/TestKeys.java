package dev.patchflow.forge;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** RSA key pairs for App tests, with the private key as GitHub hands it out: PKCS#1 PEM. */
public final class TestKeys {
  private TestKeys() {}

  public static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** "BEGIN RSA PRIVATE KEY": the PKCS#1 key taken out of Java's PKCS#8 encoding. */
  public static String pkcs1Pem(KeyPair pair) {
    return pem("RSA PRIVATE KEY", unwrapPkcs8(pair.getPrivate().getEncoded()));
  }

  static String pkcs8Pem(KeyPair pair) {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  private static String pem(String type, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }

  /** PrivateKeyInfo = SEQUENCE { INTEGER, AlgorithmIdentifier, OCTET STRING key }: returns key. */
  static byte[] unwrapPkcs8(byte[] der) {
    int[] pos = {0};
    header(der, pos, 0x30); // outer SEQUENCE
    skip(der, pos); // version
    skip(der, pos); // algorithm
    int len = header(der, pos, 0x04);
    return Arrays.copyOfRange(der, pos[0], pos[0] + len);
  }

  private static int header(byte[] der, int[] pos, int tag) {
    if ((der[pos[0]++] & 0xff) != tag) {
      throw new IllegalArgumentException("unexpected DER tag");
    }
    int first = der[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int len = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      len = (len << 8) | (der[pos[0]++] & 0xff);
    }
    return len;
  }

  private static void skip(byte[] der, int[] pos) {
    int tag = der[pos[0]] & 0xff;
    int len = header(der, pos, tag);
    pos[0] += len;
  }
}
