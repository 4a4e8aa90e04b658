package dev.patchflow.backport.pipeline;

import dev.patchflow.backport.Changelog;
import dev.patchflow.backport.Integration;
import dev.patchflow.backport.IntegrationFiles;
import dev.patchflow.backport.Range;
import dev.patchflow.git.CommitId;
import dev.patchflow.git.GitException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Takes one patch file into a line's target specs, in the packaging work tree, and commits it on
 * the backport branch, which starts from the line's branch each time: one branch, one commit and
 * one pull request per upstream fix.
 */
public final class BackportCommit {
  private final Range fallback;
  private final boolean fillGaps;
  private final IntegrationFiles.Reader specs = new IntegrationFiles.Reader();

  /**
   * @param fallback the CVE block's numbers where a spec has no header
   * @param fillGaps take the lowest number free in every target spec's block, not the one after the highest
   */
  public BackportCommit(Range fallback, boolean fillGaps) {
    this.fallback = fallback;
    this.fillGaps = fillGaps;
  }

  /**
   * What to integrate.
   *
   * @param specs the target spec files' names in the line's spec folder
   * @param patchText the patch file's text; null for {@link #plan}, which does not read it
   * @param comment the comment above the Patch line, or null
   */
  public record Request(List<String> specs, String patchFile, String patchText, String comment, Changelog.Entry changelog) {
    public Request {
      specs = List.copyOf(specs);
    }
  }

  /** The edits, worked out in memory from the specs as they are; a dry run stops here. */
  public Integration.Outcome plan(PackagingCheckout.Checkout co, Request r) throws IOException {
    List<Integration.Target> targets = new ArrayList<>();
    for (String spec : r.specs()) {
      targets.add(specs.read(co.specDir().resolve(spec)));
    }
    return Integration.integrate(new Integration.Request(targets, List.of(r.patchFile()), r.comment(), "CVE", fallback,
        fillGaps, r.changelog()));
  }

  /** How {@link #commit} went. */
  public sealed interface Result {}

  /** Committed on {@code branch}; {@code patchFile} is where the patch was written, in the repository. */
  public record Committed(CommitId commit, String branch, Path patchFile, Integration.Integrated edits) implements Result {}

  /**
   * Nothing changed. {@code alreadyThere}: a target spec names the patch file already.
   */
  public record Refused(String reason, boolean alreadyThere) implements Result {}

  /** Resets the work tree to a fresh {@code branch} at the line's branch, edits, writes and commits. */
  public Result commit(PackagingCheckout.Checkout co, String branch, Request r, java.util.function.Function<Integration.Integrated,
      String> message) throws GitException, IOException {
    co.git().checkoutBranch(branch, co.base());
    Integration.Outcome planned = plan(co, r);
    if (planned instanceof Integration.Refused refused) {
      return new Refused(refused.reason(), refused.reason().contains("already has " + r.patchFile()));
    }
    Integration.Integrated edits = (Integration.Integrated) planned;
    List<Path> specs = r.specs().stream().map(co.specDir()::resolve).toList();
    List<Path> written = IntegrationFiles.write(specs, edits, Map.of(r.patchFile(), r.patchText()));
    co.git().addAll(co.dir().relativize(co.specDir()).toString());
    CommitId commit = co.git().commit(message.apply(edits));
    return new Committed(commit, branch, co.dir().relativize(written.get(0)), edits);
  }
}
