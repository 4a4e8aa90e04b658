package dev.patchflow.store;

/** A project with everything the APIs show of it. */
public record ProjectDetails(
    long id, String name, String listId, String listEmail, String webUrl, String scmUrl, String webscmUrl,
    String listArchiveUrl, String listArchiveUrlFormat, String commitUrlFormat) {

  static final String COLUMNS = "id, name, list_id, list_email, web_url, scm_url, webscm_url, list_archive_url, "
      + "list_archive_url_format, commit_url_format FROM project";

  static ProjectDetails of(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new ProjectDetails(rs.getLong("id"), rs.getString("name"), rs.getString("list_id"), rs.getString("list_email"),
        rs.getString("web_url"), rs.getString("scm_url"), rs.getString("webscm_url"), rs.getString("list_archive_url"),
        rs.getString("list_archive_url_format"), rs.getString("commit_url_format"));
  }
}
