package dev.patchflow.git;

/** One commit as `git log` shows it: id, subject, and the whole message (for its trailers). */
public record LogEntry(CommitId id, String subject, String message) {}
