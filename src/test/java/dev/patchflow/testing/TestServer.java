package dev.patchflow.testing;

import dev.patchflow.api.ApiServer;
import dev.patchflow.config.IntakeConfig;
import dev.patchflow.intake.ImportProgress;
import dev.patchflow.intake.Importer;
import dev.patchflow.intake.MailSources;
import dev.patchflow.intake.ProjectRouter;
import dev.patchflow.store.Database;
import dev.patchflow.users.Role;
import dev.patchflow.users.Users;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A real server on a free port over a real store holding the demo list traffic, with a
 * maintainer ("maint"), a tester ("tester") and a plain user ("someone"), each with a token.
 */
public final class TestServer implements AutoCloseable {
  public static final String PROJECT = "widgets.lists.example.org";
  public final Database db;
  public final Users users;
  public final ApiServer server;
  public final String maintainerToken;
  public final String testerToken;
  public final String userToken;
  public final String importerToken;
  public final String adminToken;
  private final HttpClient http = HttpClient.newHttpClient();

  public TestServer(Database db, ApiServer.Module... modules) throws IOException {
    this.db = db;
    Clock clock = Clock.systemUTC();
    new Importer(db, new ProjectRouter(List.of(), IntakeConfig.Unmatched.AUTO), 100, clock)
        .importAll(MailSources.open(List.of(Path.of("demo/demo.mbox"))), ImportProgress.NONE);
    users = new Users(db, clock);
    users.add("maint", "maint@example.org", "maintainer-password");
    users.grant("maint", Role.MAINTAINER, PROJECT);
    users.add("tester", "tester@example.org", null);
    users.grant("tester", Role.TESTER, null);
    users.add("someone", "someone@example.org", null);
    users.add("importer", "importer@example.org", null);
    users.grant("importer", Role.IMPORTER, null);
    users.add("root", "root@example.org", "root-password-1");
    users.grant("root", Role.ADMIN, null);
    importerToken = users.newToken("importer");
    adminToken = users.newToken("root");
    maintainerToken = users.newToken("maint");
    testerToken = users.newToken("tester");
    userToken = users.newToken("someone");
    server = new ApiServer(db, users, clock, modules).start("127.0.0.1", 0);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
    if (token != null) {
      b.header("Authorization", "Token " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> send(String method, String path, String token, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Token " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    server.close();
    db.close();
  }
}
