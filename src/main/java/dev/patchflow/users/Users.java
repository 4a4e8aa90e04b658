package dev.patchflow.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.patchflow.store.Database;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.UserRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts: passwords kept as bcrypt hashes, API tokens kept as SHA-256 of a random token (the
 * token itself is shown once), roles, and who a token or password belongs to.
 */
public final class Users {
  private static final int BCRYPT_COST = 10;
  private final Database db;
  private final Clock clock;
  private final UserRepository repo = new UserRepository();
  private final SecureRandom random = new SecureRandom();

  public Users(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public long add(String username, String email, String password) {
    if (!username.matches("[A-Za-z0-9._@+-]{1,150}")) {
      throw new IllegalArgumentException("username: letters, digits and . _ @ + - only, at most 150");
    }
    return db.jdbi().inTransaction(h -> {
      if (repo.byUsername(h, username).isPresent()) {
        throw new IllegalArgumentException("user '" + username + "' already exists");
      }
      return repo.create(h, username, email, password == null ? null : hash(password), clock.instant());
    });
  }

  public void setPassword(String username, String password) {
    db.jdbi().useTransaction(h -> repo.setPassword(h, user(h, username).id(), hash(password)));
  }

  /** A new API token for the user; only its hash is kept, so this is the one time it is seen. */
  public String newToken(String username) {
    String token = randomToken();
    db.jdbi().useTransaction(h -> repo.addToken(h, user(h, username).id(), tokenHash(token), clock.instant()));
    return token;
  }

  public void grant(String username, Role role, String projectName) {
    db.jdbi().useTransaction(h -> {
      long projectId = 0;
      if (projectName != null) {
        projectId = new ProjectRepository().byName(h, projectName)
            .orElseThrow(() -> new IllegalArgumentException("no project named '" + projectName + "'")).id();
      } else if (role == Role.MAINTAINER) {
        throw new IllegalArgumentException("maintainer is granted per project: give --project");
      }
      repo.grant(h, user(h, username).id(), role.slug(), projectId);
    });
  }

  public Optional<Principal> byToken(String token) {
    return db.jdbi().withHandle(h -> repo.byTokenHash(h, tokenHash(token)).map(u -> principal(h, u)));
  }

  /** A new web session for the user; returns its token (the cookie), of which only the hash is kept. */
  public String openSession(long userId, java.time.Duration lifetime) {
    String token = randomToken();
    java.time.Instant now = clock.instant();
    db.jdbi().useTransaction(h -> repo.addSession(h, userId, tokenHash(token), now, now.plus(lifetime)));
    return token;
  }

  /** The user of a live session, with the roles they have now (not those they had at login). */
  public Optional<Principal> bySession(String token) {
    return db.jdbi().withHandle(h -> repo.bySessionHash(h, tokenHash(token), clock.instant()).map(u -> principal(h, u)));
  }

  public void closeSession(String token) {
    db.jdbi().useHandle(h -> repo.removeSession(h, tokenHash(token)));
  }

  /** The user when the password matches; bcrypt's own compare, constant in time. */
  public Optional<Principal> byPassword(String username, String password) {
    return db.jdbi().withHandle(h -> repo.byUsername(h, username)
        .filter(u -> u.passwordHash() != null
            && BCrypt.verifyer().verify(password.toCharArray(), u.passwordHash().toCharArray()).verified)
        .map(u -> principal(h, u)));
  }

  private Principal principal(org.jdbi.v3.core.Handle h, UserRepository.User u) {
    Set<Role> global = EnumSet.noneOf(Role.class);
    Map<Long, Set<Role>> perProject = new HashMap<>();
    for (UserRepository.Role r : repo.roles(h, u.id())) {
      Role role = Role.of(r.role());
      if (r.projectId() == 0) {
        global.add(role);
      } else {
        perProject.computeIfAbsent(r.projectId(), k -> EnumSet.noneOf(Role.class)).add(role);
      }
    }
    return new Principal(u.id(), u.username(), global, perProject);
  }

  private UserRepository.User user(org.jdbi.v3.core.Handle h, String username) {
    return repo.byUsername(h, username).orElseThrow(() -> new IllegalArgumentException("no user '" + username + "'"));
  }

  private static String hash(String password) {
    if (password.length() < 8) {
      throw new IllegalArgumentException("password: at least 8 characters");
    }
    return BCrypt.withDefaults().hashToString(BCRYPT_COST, password.toCharArray());
  }

  private String randomToken() {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** SHA-256, hex: tokens are long random strings, so a fast hash is enough. */
  public static String tokenHash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
