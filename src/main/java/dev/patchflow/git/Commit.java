package dev.patchflow.git;

import java.time.Instant;

/** One commit as a streamed `git log` gives it: id, both dates, subject and the whole message. */
public record Commit(CommitId id, Instant authored, Instant committed, String subject, String message) {}
