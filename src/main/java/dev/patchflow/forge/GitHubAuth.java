package dev.patchflow.forge;

import dev.patchflow.config.Secret;
import java.security.interfaces.RSAPrivateKey;
import java.util.Objects;

/** How the client proves who it is: a personal access token, or a GitHub App installation. */
public sealed interface GitHubAuth permits GitHubAuth.Token, GitHubAuth.App {

  /** A personal (or fine-grained) access token, sent as a Bearer token. */
  static GitHubAuth token(Secret token) {
    return new Token(token);
  }

  /**
   * A GitHub App installation. The key is the PEM GitHub hands out ("BEGIN RSA PRIVATE KEY",
   * PKCS#1) or a PKCS#8 one ("BEGIN PRIVATE KEY").
   *
   * @param appId the App's id (or its client id), the JWT's issuer
   * @throws IllegalArgumentException when the PEM is not an unencrypted RSA private key
   */
  static GitHubAuth app(String appId, long installationId, Secret privateKeyPem) {
    return new App(appId, installationId, PemKeys.rsaPrivateKey(privateKeyPem.reveal()));
  }

  record Token(Secret token) implements GitHubAuth {
    public Token {
      Objects.requireNonNull(token, "token");
      if (token.reveal() == null || token.reveal().isBlank()) {
        throw new IllegalArgumentException("GitHub token is empty");
      }
    }
  }

  record App(String appId, long installationId, RSAPrivateKey privateKey) implements GitHubAuth {
    public App {
      Objects.requireNonNull(appId, "appId");
      Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String toString() {
      return "App[appId=" + appId + ", installationId=" + installationId + "]";
    }
  }
}
