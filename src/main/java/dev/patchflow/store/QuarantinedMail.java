package dev.patchflow.store;

import java.time.Instant;

/** A mail that could not be parsed, kept with the reason. */
public record QuarantinedMail(long id, String origin, String reason, Instant receivedAt, int size) {}
