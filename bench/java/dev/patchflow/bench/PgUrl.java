package dev.patchflow.bench;

/**
 * A jdbc:postgresql: URL taken apart just enough to point it at another database on the same
 * server: {@code jdbc:postgresql://host:port/db?params} or {@code jdbc:postgresql:db}.
 *
 * @param server everything before the database name
 * @param database the database name ("" when the URL names none)
 * @param params "?..." or ""
 */
record PgUrl(String server, String database, String params) {
  private static final String SCHEME = "jdbc:postgresql:";

  static PgUrl parse(String url) {
    if (!url.startsWith(SCHEME)) {
      throw new IllegalArgumentException("not a jdbc:postgresql: URL: " + url);
    }
    int q = url.indexOf('?');
    String params = q < 0 ? "" : url.substring(q);
    String head = q < 0 ? url : url.substring(0, q);
    String rest = head.substring(SCHEME.length());
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      if (slash < 0) {
        return new PgUrl(head + "/", "", params);
      }
      return new PgUrl(SCHEME + rest.substring(0, slash + 1), rest.substring(slash + 1), params);
    }
    return new PgUrl(SCHEME, rest, params);
  }

  String withDatabase(String name) {
    return server + name + params;
  }
}
