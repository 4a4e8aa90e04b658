package dev.patchflow.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Users, their hashed passwords and tokens, and their roles. */
public final class UserRepository {
  /** A user as stored; {@code passwordHash} may be null (token-only accounts). */
  public record User(long id, String username, String email, String firstName, String lastName, String passwordHash) {}

  /** A role held by a user; {@code projectId} 0 means every project. */
  public record Role(String role, long projectId) {}

  private static final String COLUMNS = "id, username, email, first_name, last_name, password_hash";

  private static User user(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new User(rs.getLong("id"), rs.getString("username"), rs.getString("email"), rs.getString("first_name"),
        rs.getString("last_name"), rs.getString("password_hash"));
  }

  public long create(Handle h, String username, String email, String passwordHash, Instant now) {
    return h.createUpdate("INSERT INTO app_user (username, email, password_hash, created_at) VALUES (:u, :e, :p, :t)")
        .bind("u", username).bind("e", email).bind("p", passwordHash).bind("t", Sql.time(now))
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  public void setPassword(Handle h, long userId, String passwordHash) {
    h.createUpdate("UPDATE app_user SET password_hash = :p WHERE id = :id").bind("p", passwordHash).bind("id", userId).execute();
  }

  public Optional<User> byUsername(Handle h, String username) {
    return h.createQuery("SELECT " + COLUMNS + " FROM app_user WHERE username = :u").bind("u", username)
        .map((rs, ctx) -> user(rs)).findOne();
  }

  public Optional<User> byId(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM app_user WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> user(rs)).findOne();
  }

  /** Users whose username, e-mail or name contains {@code q}; all when q is null. */
  public List<User> search(Handle h, String q, int limit, int offset) {
    Where w = new Where();
    if (q != null) {
      w.and("(LOWER(username) LIKE :q OR LOWER(email) LIKE :q OR LOWER(first_name) LIKE :q OR LOWER(last_name) LIKE :q)",
          "q", "%" + q.toLowerCase(java.util.Locale.ROOT) + "%");
    }
    return w.bind(h.createQuery("SELECT " + COLUMNS + " FROM app_user" + w.sql() + " ORDER BY id LIMIT :l OFFSET :o"))
        .bind("l", limit).bind("o", offset).map((rs, ctx) -> user(rs)).list();
  }

  public void addToken(Handle h, long userId, String tokenHash, Instant now) {
    h.createUpdate("INSERT INTO api_token (user_id, token_hash, created_at) VALUES (:u, :h, :t)")
        .bind("u", userId).bind("h", tokenHash).bind("t", Sql.time(now)).execute();
  }

  public Optional<User> byTokenHash(Handle h, String tokenHash) {
    return h.createQuery("SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.password_hash FROM app_user u "
            + "JOIN api_token t ON t.user_id = u.id WHERE t.token_hash = :h")
        .bind("h", tokenHash).map((rs, ctx) -> user(rs)).findOne();
  }

  /** The user of a web session that has not expired. */
  public Optional<User> bySessionHash(Handle h, String tokenHash, java.time.Instant now) {
    return h.createQuery("SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.password_hash FROM app_user u "
            + "JOIN web_session s ON s.user_id = u.id WHERE s.token_hash = :h AND s.expires_at > :now")
        .bind("h", tokenHash).bind("now", Sql.time(now)).map((rs, ctx) -> user(rs)).findOne();
  }

  public void addSession(Handle h, long userId, String tokenHash, java.time.Instant now, java.time.Instant expires) {
    h.createUpdate("INSERT INTO web_session (token_hash, user_id, created_at, expires_at) VALUES (:h, :u, :c, :e)")
        .bind("h", tokenHash).bind("u", userId).bind("c", Sql.time(now)).bind("e", Sql.time(expires)).execute();
    // Expired sessions go when someone logs in: no timer needed, and the table stays small.
    h.createUpdate("DELETE FROM web_session WHERE expires_at <= :now").bind("now", Sql.time(now)).execute();
  }

  public void removeSession(Handle h, String tokenHash) {
    h.createUpdate("DELETE FROM web_session WHERE token_hash = :h").bind("h", tokenHash).execute();
  }

  public void grant(Handle h, long userId, String role, long projectId) {
    boolean has = h.createQuery("SELECT COUNT(*) FROM user_role WHERE user_id = :u AND role = :r AND project_id = :p")
        .bind("u", userId).bind("r", role).bind("p", projectId).mapTo(Integer.class).one() > 0;
    if (!has) {
      h.createUpdate("INSERT INTO user_role (user_id, role, project_id) VALUES (:u, :r, :p)")
          .bind("u", userId).bind("r", role).bind("p", projectId).execute();
    }
  }

  public List<Role> roles(Handle h, long userId) {
    return h.createQuery("SELECT role, project_id FROM user_role WHERE user_id = :u ORDER BY role, project_id")
        .bind("u", userId).map((rs, ctx) -> new Role(rs.getString(1), rs.getLong(2))).list();
  }

  /** Maintainers of a project (not counting admins). */
  public List<User> maintainers(Handle h, long projectId) {
    return h.createQuery("SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.password_hash FROM app_user u "
            + "JOIN user_role r ON r.user_id = u.id WHERE r.role = 'maintainer' AND r.project_id = :p ORDER BY u.id")
        .bind("p", projectId).map((rs, ctx) -> user(rs)).list();
  }
}
