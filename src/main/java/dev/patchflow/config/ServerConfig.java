package dev.patchflow.config;

/**
 * The HTTP server.
 *
 * @param baseUrl the public URL (behind a proxy); by default URLs are built from each request
 */
public record ServerConfig(String host, Integer port, String baseUrl) {
  public static final ServerConfig DEFAULT = new ServerConfig(null, null, null);

  public String hostOrDefault() {
    return host == null ? "127.0.0.1" : host;
  }

  public int portOrDefault() {
    return port == null ? 8080 : port;
  }
}
