package dev.patchflow.config;

/**
 * The HTTP server.
 *
 * @param baseUrl the public URL (behind a proxy); by default URLs are built from each request
 * @param cacheMb memory for answers kept until the store changes (0 turns the cache off)
 */
public record ServerConfig(String host, Integer port, String baseUrl, Integer cacheMb) {
  public static final ServerConfig DEFAULT = new ServerConfig(null, null, null, null);
  public static final int DEFAULT_CACHE_MB = 64;

  public long cacheBytes() {
    return (cacheMb == null ? DEFAULT_CACHE_MB : cacheMb) * 1024L * 1024L;
  }

  public String hostOrDefault() {
    return host == null ? "127.0.0.1" : host;
  }

  public int portOrDefault() {
    return port == null ? 8080 : port;
  }
}
