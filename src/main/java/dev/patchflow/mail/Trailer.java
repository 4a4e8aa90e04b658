package dev.patchflow.mail;

/** A trailer line such as "Reviewed-by: A <a@b>"; {@code key} is in canonical case. */
public record Trailer(String key, String value) {
  public static final String SIGNED_OFF_BY = "Signed-off-by";
  public static final String REVIEWED_BY = "Reviewed-by";
  public static final String ACKED_BY = "Acked-by";
  public static final String TESTED_BY = "Tested-by";
  public static final String REPORTED_BY = "Reported-by";
  public static final String SUGGESTED_BY = "Suggested-by";
  public static final String NACKED_BY = "Nacked-by";
  public static final String FIXES = "Fixes";
  public static final String LINK = "Link";
  public static final String CC_STABLE = "Cc";
  public static final String BASED_ON = "Based-on";
  public static final String SUPERSEDES = "Supersedes";
  public static final String DEPENDS_ON = "Depends-on";

  /** Trailers a reviewer gives in a reply, which count for the patch (or series) answered. */
  public boolean isReview() {
    return switch (key) {
      case REVIEWED_BY, ACKED_BY, TESTED_BY, REPORTED_BY, SUGGESTED_BY, NACKED_BY -> true;
      default -> false;
    };
  }

  @Override
  public String toString() {
    return key + ": " + value;
  }
}
