package dev.patchflow.git;

/**
 * What {@code git apply --check} said of a patch.
 *
 * @param applies every hunk applies
 * @param output git's report (which files, which hunks failed)
 */
public record ApplyCheckResult(boolean applies, String output) {}
