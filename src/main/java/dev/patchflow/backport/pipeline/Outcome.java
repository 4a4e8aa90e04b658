package dev.patchflow.backport.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * How one candidate ended on one kernel line: exactly one status, the reason, and the files and
 * pull request it left. Callers handle every case.
 */
public sealed interface Outcome {
  /** The status name of the table and JSON: success, already_integrated, build_failed, ... */
  String status();

  String reason();

  Artifacts artifacts();

  /**
   * What a candidate left behind; null where a step did not run.
   *
   * @param patchFile the patch file written into the packaging tree
   * @param buildLogs one rpmbuild log per modified spec
   * @param testLog what {@code git apply --check} said
   * @param prUrl the pull request opened (or found open) for the backport branch
   */
  record Artifacts(Path patchFile, List<Path> buildLogs, Path testLog, String prUrl) {
    public static final Artifacts NONE = new Artifacts(null, List.of(), null, null);

    public Artifacts {
      buildLogs = buildLogs == null ? List.of() : List.copyOf(buildLogs);
    }

    Artifacts withTestLog(Path log) {
      return new Artifacts(patchFile, buildLogs, log, prUrl);
    }
  }

  /** Committed on its branch; pushed with a pull request unless the run skipped pushing. */
  record Success(String reason, Artifacts artifacts) implements Outcome {
    public String status() {
      return "success";
    }
  }

  /** The line has it already (base release, stable branch, or a spec patch file). */
  record AlreadyIntegrated(String reason, Artifacts artifacts) implements Outcome {
    public String status() {
      return "already_integrated";
    }
  }

  /** rpmbuild failed for a modified spec; the commit stays local, nothing is pushed. */
  record BuildFailed(String reason, Artifacts artifacts) implements Outcome {
    public String status() {
      return "build_failed";
    }
  }

  /** The patch does not apply to the line's kernel source. */
  record TestFailed(String reason, Artifacts artifacts) implements Outcome {
    public String status() {
      return "test_failed";
    }
  }

  /** A routing rule sends the commit nowhere. */
  record RoutingNone(String reason, Artifacts artifacts) implements Outcome {
    public String status() {
      return "routing_none";
    }
  }

  /**
   * Not taken on, for a reason that is no failure: not_affected (the line never had the bug),
   * needs_review (the facts do not decide), no_target_spec (routed to flavours the line lacks).
   */
  record Skipped(String status, String reason) implements Outcome {
    public Artifacts artifacts() {
      return Artifacts.NONE;
    }
  }

  /** A dry run's plan for the candidate: the Patch number each target spec would get. */
  record Planned(String reason) implements Outcome {
    public String status() {
      return "planned";
    }

    public Artifacts artifacts() {
      return Artifacts.NONE;
    }
  }

  /** A step broke (git, the forge, a full patch block); the reason says which and why. */
  record Failed(String reason, Artifacts artifacts) implements Outcome {
    public String status() {
      return "error";
    }
  }
}
