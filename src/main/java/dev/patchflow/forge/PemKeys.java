package dev.patchflow.forge;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RSA private key from PEM without BouncyCastle. GitHub gives App keys in PKCS#1
 * ("BEGIN RSA PRIVATE KEY"), which java.security cannot read; wrapping the PKCS#1 bytes in a
 * PKCS#8 PrivateKeyInfo (version 0, algorithm rsaEncryption, the key as an OCTET STRING) makes
 * it readable. Error messages never include the key.
 */
final class PemKeys {
  private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
  /** AlgorithmIdentifier: SEQUENCE { OID 1.2.840.113549.1.1.1 (rsaEncryption), NULL }. */
  private static final byte[] RSA_ALGORITHM = {
      0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
  private static final String EXPECTED =
      "expected an unencrypted PEM block 'BEGIN RSA PRIVATE KEY' (PKCS#1, as GitHub gives it) or 'BEGIN PRIVATE KEY' (PKCS#8)";

  private PemKeys() {}

  static RSAPrivateKey rsaPrivateKey(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException("GitHub App private key is empty; " + EXPECTED);
    }
    Matcher m = BLOCK.matcher(pem);
    if (!m.find()) {
      throw new IllegalArgumentException("GitHub App private key is not PEM; " + EXPECTED);
    }
    String type = m.group(1);
    if (!type.equals("RSA PRIVATE KEY") && !type.equals("PRIVATE KEY")) {
      throw new IllegalArgumentException("GitHub App private key is a '" + type + "' block; " + EXPECTED);
    }
    if (m.group(2).contains("ENCRYPTED") || m.group(2).contains(":")) {
      throw new IllegalArgumentException("GitHub App private key is encrypted; " + EXPECTED);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(2).strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("GitHub App private key: the PEM body is not valid base64");
    }
    byte[] pkcs8 = type.equals("RSA PRIVATE KEY") ? wrapPkcs1(der) : der;
    try {
      return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("GitHub App private key: not a valid RSA key (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING pkcs1 }. */
  static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes(new byte[] {0x02, 0x01, 0x00});
    content.writeBytes(RSA_ALGORITHM);
    content.writeBytes(tlv(0x04, pkcs1));
    return tlv(0x30, content.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
