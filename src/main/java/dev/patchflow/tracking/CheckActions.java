package dev.patchflow.tracking;

import dev.patchflow.store.CheckRepository;
import dev.patchflow.store.Database;
import dev.patchflow.store.EventRepository;
import dev.patchflow.store.SubmissionQueries;
import dev.patchflow.store.SubmissionRow;
import dev.patchflow.users.Principal;
import dev.patchflow.users.Role;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Adding a check (a CI or test result) to a patch: maintainers, testers and admins may. */
public final class CheckActions {
  public static final Set<String> STATES = Set.of("pending", "success", "warning", "fail");
  private static final Pattern CONTEXT = Pattern.compile("[-a-zA-Z0-9_]+");
  private final Database db;
  private final Clock clock;
  private final CheckRepository checks = new CheckRepository();
  private final EventRepository events = new EventRepository();

  public CheckActions(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public CheckRepository.Check add(Principal who, long patchId, String state, String targetUrl, String context,
      String description) {
    if (!who.authenticated()) {
      throw new Denied(false, "Authentication credentials were not provided.");
    }
    if (state == null || !STATES.contains(state)) {
      throw new Invalid("state: \"" + state + "\" is not a valid choice (pending, success, warning, fail).");
    }
    String ctx = context == null || context.isEmpty() ? "default" : context;
    if (!CONTEXT.matcher(ctx).matches()) {
      throw new Invalid("context: enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.");
    }
    return db.jdbi().inTransaction(h -> {
      SubmissionRow p = new SubmissionQueries().byId(h, patchId, List.of("PATCH", "PULL_REQUEST"))
          .orElseThrow(() -> new Invalid("Not found."));
      if (!who.has(Role.MAINTAINER, p.projectId()) && !who.has(Role.TESTER, p.projectId())) {
        throw new Denied(true, "You do not have permission to perform this action.");
      }
      var now = clock.instant();
      long id = checks.add(h, patchId, who.userId(), now, state, targetUrl, ctx, description);
      events.add(h, List.of(EventRepository.Event.of(p.projectId(), "check-created", now, who.userId())
          .patch(patchId).check(id)));
      return checks.byId(h, patchId, id).orElseThrow();
    });
  }
}
