package dev.patchflow.store;

import dev.patchflow.mail.MboxRenderer;
import dev.patchflow.mail.Person;
import dev.patchflow.mail.Trailer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Stored mail as mbox text that `git am` applies, with the review trailers given in replies
 * folded into each patch: for the download URLs and for the applier, which must apply exactly
 * what a maintainer would download.
 */
public final class Mboxes {
  private final SubmissionQueries submissions = new SubmissionQueries();

  /** A series' patches in order; empty when there is no such series. */
  public Optional<String> series(Handle h, long seriesId) {
    Optional<SeriesDetail> found = new SeriesQueries().get(h, seriesId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(series(h, found.get()));
  }

  /** The patches of a series already read, in order. */
  public String series(Handle h, SeriesDetail d) {
    long project = new ProjectRepository().byName(h, d.summary().project()).orElseThrow().id();
    List<MboxRenderer.Entry> entries = new ArrayList<>();
    for (SeriesDetail.PatchEntry p : d.patches()) {
      SubmissionRow row = submissions.byMsgid(h, project, p.message().messageId()).orElseThrow();
      entries.add(entry(h, row, folded(p)));
    }
    return MboxRenderer.render(entries);
  }

  /** Trailers given in replies to the patch (those in the patch itself are in its text already). */
  public static List<Trailer> folded(SeriesDetail.PatchEntry p) {
    return p.trailers().stream().filter(t -> !t.givenIn().equals(p.message().messageId()))
        .map(t -> new Trailer(t.name(), t.value())).toList();
  }

  /** One stored mail as an mbox entry, with Patchwork's X-Patchwork-* headers. */
  public MboxRenderer.Entry entry(Handle h, SubmissionRow r, List<Trailer> folded) {
    SubmissionQueries.Body body = submissions.body(h, r.messageId()).orElseThrow();
    record Author(String name, String email) {}
    Author author = h.createQuery("SELECT author_name, author_email FROM message WHERE id = :id").bind("id", r.messageId())
        .map((rs, c) -> new Author(rs.getString(1), rs.getString(2))).one();
    List<String> headers = new ArrayList<>();
    headers.add("X-Patchwork-Submitter: " + r.personName() + " <" + r.personEmail() + ">");
    headers.add("X-Patchwork-Id: " + r.id());
    if (r.delegateId() != null) {
      new UserRepository().byId(h, r.delegateId()).ifPresent(u -> headers.add("X-Patchwork-Delegate: " + u.email()));
    }
    String subject = r.subject().raw().replaceFirst("(?i)^(re|fwd?):\\s*", "");
    return new MboxRenderer.Entry(new Person(author.name(), author.email()), r.date(), subject, r.msgid(),
        body.content(), body.diff(), folded, headers);
  }
}
