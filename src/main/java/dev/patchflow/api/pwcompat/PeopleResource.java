package dev.patchflow.api.pwcompat;

import dev.patchflow.api.ApiException;
import dev.patchflow.api.Paging;
import dev.patchflow.store.PersonRepository;
import dev.patchflow.store.UserRepository;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** /people/ and /users/: both need a logged-in caller, as in Patchwork. */
final class PeopleResource {
  private final PwApi api;
  private final PersonRepository people = new PersonRepository();
  private final UserRepository users = new UserRepository();

  PeopleResource(PwApi api) {
    this.api = api;
  }

  void people(Context ctx) {
    PwApi.login(ctx);
    api.read(ctx, (pw, h) -> {
      Paging paging = Paging.of(ctx);
      List<PersonRepository.StoredPerson> rows = people.search(h, Params.one(ctx, "q"), paging.probe(), paging.offset());
      List<Map<String, Object>> out = new ArrayList<>();
      for (PersonRepository.StoredPerson p : paging.respond(ctx, rows, () -> paging.offset() + rows.size())) {
        out.add(person(pw, p));
      }
      return out;
    });
  }

  void person(Context ctx) {
    PwApi.login(ctx);
    api.read(ctx, (pw, h) -> person(pw, people.byId(h, Params.pathId(ctx, "id")).orElseThrow(ApiException::notFound)));
  }

  void users(Context ctx) {
    PwApi.login(ctx);
    api.read(ctx, (pw, h) -> {
      Paging paging = Paging.of(ctx);
      List<UserRepository.User> rows = users.search(h, Params.one(ctx, "q"), paging.probe(), paging.offset());
      List<Map<String, Object>> out = new ArrayList<>();
      for (UserRepository.User u : paging.respond(ctx, rows, () -> paging.offset() + rows.size())) {
        out.add(pw.userEmbedded(u.id()));
      }
      return out;
    });
  }

  void user(Context ctx) {
    long me = PwApi.login(ctx).userId();
    api.read(ctx, (pw, h) -> {
      long id = ctx.pathParam("id").equals("me") ? me : Params.pathId(ctx, "id");
      users.byId(h, id).orElseThrow(ApiException::notFound);
      Map<String, Object> o = pw.userEmbedded(id);
      if (id == me && pw.version.atLeast(2)) {
        Map<String, Object> settings = PwJson.object();
        settings.put("send_email", false);
        settings.put("items_per_page", 100);
        settings.put("show_ids", false);
        o.put("settings", settings);
      }
      return o;
    });
  }

  private static Map<String, Object> person(PwContext pw, PersonRepository.StoredPerson p) {
    Map<String, Object> o = pw.person(p.id(), p.name(), p.email());
    o.put("user", pw.userEmbedded(p.userId()));
    return o;
  }
}
