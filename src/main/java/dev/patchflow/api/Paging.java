package dev.patchflow.api;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Patchwork's paging: page and per_page (default 30, at most 250), links in an RFC 5988 header. */
public record Paging(int page, int perPage) {
  public static final int DEFAULT = 30;
  public static final int MAX = 250;

  public static Paging of(Context ctx) {
    int page = number(ctx, "page", 1);
    int perPage = Math.min(MAX, number(ctx, "per_page", DEFAULT));
    if (page < 1 || perPage < 1) {
      throw ApiException.notFound(); // DRF answers an invalid page with 404 "Invalid page."
    }
    return new Paging(page, perPage);
  }

  private static int number(Context ctx, String name, int fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw ApiException.notFound();
    }
  }

  public int offset() {
    return (page - 1) * perPage;
  }

  /** Fetches one more than a page, to tell whether a next page exists without counting. */
  public int probe() {
    return perPage + 1;
  }

  /**
   * Trims the probe row and sets the Link header for what exists around this page; the total
   * is counted only when there is more than one page.
   */
  public <T> List<T> respond(Context ctx, List<T> rows, java.util.function.LongSupplier total) {
    boolean hasNext = rows.size() > perPage;
    List<T> page = hasNext ? rows.subList(0, perPage) : rows;
    if (!hasNext && page() == 1) {
      return page;
    }
    long last = Math.max(1, (total.getAsLong() + perPage - 1) / perPage);
    List<String> links = new ArrayList<>();
    if (hasNext) {
      links.add("<" + pageUrl(ctx, page() + 1) + ">; rel=\"next\"");
    }
    if (page() > 1) {
      links.add("<" + pageUrl(ctx, page() - 1) + ">; rel=\"prev\"");
    }
    if (hasNext || page() > 1) {
      links.add("<" + pageUrl(ctx, 1) + ">; rel=\"first\"");
      links.add("<" + pageUrl(ctx, last) + ">; rel=\"last\"");
    }
    if (!links.isEmpty()) {
      ctx.header("Link", String.join(", ", links));
    }
    return page;
  }

  private static String pageUrl(Context ctx, long page) {
    StringBuilder q = new StringBuilder();
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      if (e.getKey().equals("page")) {
        continue;
      }
      for (String v : e.getValue()) {
        q.append(q.length() == 0 ? "?" : "&").append(enc(e.getKey())).append('=').append(enc(v));
      }
    }
    q.append(q.length() == 0 ? "?" : "&").append("page=").append(page);
    return Urls.base(ctx) + ctx.path() + q;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
