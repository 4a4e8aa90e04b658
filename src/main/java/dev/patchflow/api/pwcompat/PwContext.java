package dev.patchflow.api.pwcompat;

import dev.patchflow.api.Urls;
import dev.patchflow.store.ProjectDetails;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.SeriesRow;
import dev.patchflow.store.StateRepository;
import dev.patchflow.store.SubmissionRow;
import dev.patchflow.store.UserRepository;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * One request's view for building Patchwork JSON: the version asked for, the base URL, and
 * small caches so a page of 30 patches does not look up the same project 30 times.
 */
final class PwContext {
  final PwVersion version;
  final String base;
  final Handle h;
  private final Map<Long, ProjectDetails> projects = new HashMap<>();
  private final Map<Long, UserRepository.User> users = new HashMap<>();
  private Map<Integer, StateRepository.State> states;

  PwContext(Context ctx, PwVersion version, Handle h) {
    this.version = version;
    this.base = Urls.base(ctx);
    this.h = h;
  }

  String api(String path) {
    return base + version.prefix() + path;
  }

  /** Patchwork leaves the version out of a few URLs (comments and checks of a patch). */
  String unversioned(String path) {
    return base + "/api" + path;
  }

  ProjectDetails project(long id) {
    return projects.computeIfAbsent(id, k -> new ProjectRepository().details(h, Long.toString(k)).orElseThrow());
  }

  UserRepository.User user(long id) {
    return users.computeIfAbsent(id, k -> new UserRepository().byId(h, k).orElseThrow());
  }

  StateRepository.State state(int id) {
    if (states == null) {
      states = new HashMap<>();
      new StateRepository().all(h).forEach(s -> states.put(s.id(), s));
    }
    return states.get(id);
  }

  List<StateRepository.State> allStates() {
    state(1);
    return List.copyOf(states.values());
  }

  // ---- embedded objects, as Patchwork nests them

  Map<String, Object> projectEmbedded(long id) {
    ProjectDetails p = project(id);
    Map<String, Object> o = PwJson.object();
    o.put("id", p.id());
    o.put("url", api("/projects/" + p.id() + "/"));
    o.put("name", p.name());
    o.put("link_name", p.name());
    o.put("list_id", p.listId() == null ? "" : p.listId());
    o.put("list_email", p.listEmail() == null ? "" : p.listEmail());
    o.put("web_url", nz(p.webUrl()));
    o.put("scm_url", nz(p.scmUrl()));
    o.put("webscm_url", nz(p.webscmUrl()));
    if (version.atLeast(2)) {
      o.put("list_archive_url", nz(p.listArchiveUrl()));
      o.put("list_archive_url_format", nz(p.listArchiveUrlFormat()));
      o.put("commit_url_format", nz(p.commitUrlFormat()));
    }
    return o;
  }

  Map<String, Object> person(long id, String name, String email) {
    Map<String, Object> o = PwJson.object();
    o.put("id", id);
    o.put("url", api("/people/" + id + "/"));
    o.put("name", name);
    o.put("email", email);
    return o;
  }

  Map<String, Object> userEmbedded(Long id) {
    if (id == null) {
      return null;
    }
    UserRepository.User u = user(id);
    Map<String, Object> o = PwJson.object();
    o.put("id", u.id());
    o.put("url", api("/users/" + u.id() + "/"));
    o.put("username", u.username());
    o.put("first_name", u.firstName());
    o.put("last_name", u.lastName());
    o.put("email", u.email());
    return o;
  }

  String patchWebUrl(SubmissionRow r) {
    return base + "/project/" + project(r.projectId()).name() + "/patch/" + Urls.msgid(r.msgid()) + "/";
  }

  String coverWebUrl(SubmissionRow r) {
    return base + "/project/" + project(r.projectId()).name() + "/cover/" + Urls.msgid(r.msgid()) + "/";
  }

  String patchMbox(SubmissionRow r) {
    return patchWebUrl(r) + "mbox/";
  }

  String coverMbox(SubmissionRow r) {
    return coverWebUrl(r) + "mbox/";
  }

  String seriesWebUrl(long id) {
    return base + "/series/" + id + "/";
  }

  String seriesMbox(long id) {
    return base + "/series/" + id + "/mbox/";
  }

  String archiveUrl(SubmissionRow r) {
    String format = project(r.projectId()).listArchiveUrlFormat();
    return format == null || format.isEmpty() ? null : format.replace("{}", r.msgid());
  }

  Map<String, Object> seriesEmbedded(SeriesRow s) {
    Map<String, Object> o = PwJson.object();
    o.put("id", s.id());
    o.put("url", api("/series/" + s.id() + "/"));
    if (version.atLeast(1)) {
      o.put("web_url", seriesWebUrl(s.id()));
    }
    o.put("date", PwJson.date(s.date()));
    o.put("name", s.name());
    o.put("version", s.version());
    o.put("mbox", seriesMbox(s.id()));
    return o;
  }

  /** The series of a page of submissions, looked up once. */
  Map<Long, SeriesRow> seriesOf(List<SubmissionRow> rows) {
    Map<Long, SeriesRow> out = new HashMap<>();
    new dev.patchflow.store.SeriesQueries().rows(h, rows.stream().map(SubmissionRow::seriesId)
        .filter(java.util.Objects::nonNull).distinct().toList()).forEach(s -> out.put(s.id(), s));
    return out;
  }

  /** Patchwork's "series" field: always a list, here of at most one. */
  List<Map<String, Object>> inSeries(SubmissionRow r, Map<Long, SeriesRow> series) {
    return r.seriesId() != null && series.containsKey(r.seriesId()) ? List.of(seriesEmbedded(series.get(r.seriesId())))
        : List.of();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
