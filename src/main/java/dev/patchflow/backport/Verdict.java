package dev.patchflow.backport;

/** Whether one kernel line needs one candidate, and why. */
public sealed interface Verdict {
  String reason();

  /** The name reports and JSON use: needed, not_affected, already_integrated, unknown. */
  String status();

  /** The line has the bug and not the fix: backport it. */
  record Needed(String reason) implements Verdict {
    public String status() {
      return "needed";
    }
  }

  /** The line never had the bug (or its stable release does not yet). */
  record NotAffected(String reason) implements Verdict {
    public String status() {
      return "not_affected";
    }
  }

  /** The fix is there already: in the base release, the stable branch or a spec patch file ({@code reason} says where). */
  record AlreadyIntegrated(String reason) implements Verdict {
    public String status() {
      return "already_integrated";
    }
  }

  /** The facts do not decide; a person has to look. */
  record Unknown(String reason) implements Verdict {
    public String status() {
      return "unknown";
    }
  }
}
