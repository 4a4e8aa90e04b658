package dev.patchflow.tracking;

import dev.patchflow.store.Database;
import dev.patchflow.store.EventRepository;
import dev.patchflow.store.StateRepository;
import dev.patchflow.store.SubmissionQueries;
import dev.patchflow.store.SubmissionRow;
import dev.patchflow.store.UserRepository;
import dev.patchflow.users.Principal;
import dev.patchflow.users.Role;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Maintainer actions on a patch (state, delegate, archived, commit_ref), shared by the APIs and
 * the web UI. Allowed: admins, the project's maintainers, the delegate, and the submitter's
 * own account. Each change is an event.
 */
public final class PatchActions {
  private final Database db;
  private final Clock clock;
  private final SubmissionQueries submissions = new SubmissionQueries();
  private final StateRepository states = new StateRepository();
  private final UserRepository users = new UserRepository();
  private final EventRepository events = new EventRepository();

  public PatchActions(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public SubmissionRow update(Principal who, long patchId, PatchChange change) {
    return db.jdbi().inTransaction(h -> {
      SubmissionRow p = submissions.byId(h, patchId, List.of("PATCH", "PULL_REQUEST"))
          .orElseThrow(() -> new Invalid("Not found."));
      if (!mayEdit(h, who, p)) {
        throw new Denied(who.authenticated(), who.authenticated()
            ? "You do not have permission to perform this action."
            : "Authentication credentials were not provided.");
      }
      List<EventRepository.Event> out = new ArrayList<>();
      var now = clock.instant();
      if (change.state() != null) {
        int state = stateId(h, p.projectId(), change.state());
        if (state != p.stateId()) {
          h.createUpdate("UPDATE message_project SET state_id = :s WHERE seq = :id").bind("s", state).bind("id", patchId).execute();
          out.add(EventRepository.Event.of(p.projectId(), "patch-state-changed", now, who.userId()).patch(patchId)
              .states(p.stateId(), state));
        }
      }
      if (change.delegate() != null || change.clearDelegate()) {
        Long delegate = change.clearDelegate() ? null : delegateId(h, p.projectId(), change.delegate());
        if (!java.util.Objects.equals(delegate, p.delegateId())) {
          h.createUpdate("UPDATE message_project SET delegate_id = :d WHERE seq = :id").bind("d", delegate)
              .bind("id", patchId).execute();
          out.add(EventRepository.Event.of(p.projectId(), "patch-delegated", now, who.userId()).patch(patchId)
              .delegates(p.delegateId(), delegate));
        }
      }
      if (change.archived() != null) {
        h.createUpdate("UPDATE message_project SET archived = :a WHERE seq = :id").bind("a", change.archived())
            .bind("id", patchId).execute();
      }
      if (change.commitRef() != null) {
        h.createUpdate("UPDATE message_project SET commit_ref = :c WHERE seq = :id")
            .bind("c", change.commitRef().isEmpty() ? null : change.commitRef()).bind("id", patchId).execute();
      }
      events.add(h, out);
      return submissions.byId(h, patchId, List.of("PATCH", "PULL_REQUEST")).orElseThrow();
    });
  }

  /**
   * The patch was found merged upstream as {@code commit}: it becomes accepted with the commit
   * as its commit_ref (an event with no actor: nobody did it here). False when it already was.
   */
  public boolean merged(long patchId, String commit) {
    return db.jdbi().inTransaction(h -> {
      Optional<SubmissionRow> found = submissions.byId(h, patchId, List.of("PATCH", "PULL_REQUEST"));
      if (found.isEmpty() || commit.equals(found.get().commitRef())) {
        return false;
      }
      SubmissionRow p = found.get();
      int accepted = stateId(h, p.projectId(), "accepted");
      h.createUpdate("UPDATE message_project SET state_id = :s, commit_ref = :c WHERE seq = :id")
          .bind("s", accepted).bind("c", commit).bind("id", patchId).execute();
      if (p.stateId() != accepted) {
        events.add(h, List.of(EventRepository.Event.of(p.projectId(), "patch-state-changed", clock.instant(), null)
            .patch(patchId).states(p.stateId(), accepted)));
      }
      return true;
    });
  }

  private boolean mayEdit(Handle h, Principal who, SubmissionRow p) {
    if (!who.authenticated()) {
      return false;
    }
    if (who.has(Role.MAINTAINER, p.projectId())) {
      return true;
    }
    if (p.delegateId() != null && p.delegateId() == who.userId()) {
      return true;
    }
    Optional<UserRepository.User> me = users.byId(h, who.userId());
    return me.isPresent() && me.get().email().equalsIgnoreCase(p.personEmail());
  }

  /** A state by slug, name or id, among the project's; Invalid names the allowed ones. */
  public int stateId(Handle h, long projectId, String given) {
    List<StateRepository.State> allowed = states.forProject(h, projectId);
    String g = given.strip().toLowerCase(Locale.ROOT);
    for (StateRepository.State s : allowed) {
      if (s.slug().equals(g) || s.name().toLowerCase(Locale.ROOT).equals(g) || Integer.toString(s.id()).equals(g)) {
        return s.id();
      }
    }
    throw new Invalid("Expected one of: " + String.join(", ", allowed.stream().map(StateRepository.State::slug).toList())
        + ".");
  }

  /** The delegate must be able to act on the project: a maintainer or an admin. */
  private Long delegateId(Handle h, long projectId, String given) {
    Optional<UserRepository.User> u = given.matches("\\d+") ? users.byId(h, Long.parseLong(given))
        : users.byUsername(h, given);
    if (u.isEmpty()) {
      u = users.search(h, given, 2, 0).stream().filter(x -> x.email().equalsIgnoreCase(given)).findFirst();
    }
    UserRepository.User user = u.orElseThrow(() -> new Invalid("Invalid pk \"" + given + "\" - object does not exist."));
    boolean maintains = users.roles(h, user.id()).stream().anyMatch(r -> r.role().equals("admin")
        || (r.role().equals("maintainer") && (r.projectId() == projectId || r.projectId() == 0)));
    if (!maintains) {
      throw new Invalid("User '" + user.username() + "' is not a maintainer for project");
    }
    return user.id();
  }
}
