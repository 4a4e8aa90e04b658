package dev.patchflow.ci.config;

import dev.patchflow.config.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the bridge logs in to GitHub for one branch. */
public sealed interface BranchAuth {
  /** What --check-config prints: the kind and ids, never the secret. */
  String describe();

  /** A personal access token. */
  record Token(Secret token) implements BranchAuth {
    @Override
    public String describe() {
      return "token";
    }
  }

  /**
   * A GitHub App installation; the bridge signs a JWT with the key and trades it for an
   * installation token.
   *
   * @param privateKey the PEM text; exactly one of this and {@code privateKeyPath}
   * @param privateKeyPath a PEM file, relative paths from the working directory
   */
  record App(Long appId, Long installationId, Secret privateKey, String privateKeyPath) implements BranchAuth {
    @Override
    public String describe() {
      return "app " + appId + " installation " + installationId;
    }

    /** The PEM text, read from {@code privateKeyPath} when the key is not given inline. */
    public Secret loadPrivateKey() throws IOException {
      return privateKey != null ? privateKey : Secret.of(Files.readString(Path.of(privateKeyPath)));
    }
  }
}
