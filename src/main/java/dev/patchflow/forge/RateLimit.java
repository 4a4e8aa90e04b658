package dev.patchflow.forge;

import java.time.Instant;

/** GitHub's rate limit as its last answer stated it. */
public record RateLimit(int limit, int remaining, Instant reset) {}
