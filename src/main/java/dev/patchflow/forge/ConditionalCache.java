package dev.patchflow.forge;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers each GET's ETag and body by URL and asks again with If-None-Match; a 304 answers
 * with the remembered body. GitHub does not count 304s against the rate limit, so polling
 * unchanged pull requests and workflow runs costs nothing.
 */
final class ConditionalCache implements Stage {
  private static final int MAX_ENTRIES = 2000;
  private static final int MAX_BODY = 4 * 1024 * 1024;

  private record Entry(String etag, byte[] body, Map<String, List<String>> headers) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  @Override
  public Response intercept(Chain chain) throws IOException, GitHubException {
    Request req = chain.request();
    if (!req.method().equals("GET")) {
      return chain.proceed(req);
    }
    String key = req.uri().toString();
    Entry cached;
    synchronized (entries) {
      cached = entries.get(key);
    }
    Request sent = cached == null ? req : req.withHeader("If-None-Match", cached.etag());
    Response r = chain.proceed(sent);
    if (r.status() == 304 && cached != null) {
      return r.asCached(200, cached.body(), cached.headers());
    }
    if (r.status() == 200 && r.header("etag").isPresent() && r.body().length <= MAX_BODY) {
      Map<String, List<String>> kept = new LinkedHashMap<>();
      r.header("link").ifPresent(l -> kept.put("link", List.of(l)));
      synchronized (entries) {
        entries.put(key, new Entry(r.header("etag").get(), r.body(), kept));
      }
    }
    return r;
  }
}
