package dev.patchflow.web;

/**
 * What every page header needs: who is logged in, the CSRF token for its forms, the search, and
 * whether this server shows backport runs.
 */
public record Nav(String username, String csrf, String query, String project, boolean backport) {
  public boolean loggedIn() {
    return username != null;
  }
}
