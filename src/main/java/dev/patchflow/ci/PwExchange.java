package dev.patchflow.ci;

import java.time.Duration;

/**
 * One HTTP request the Patchwork client made, for counting a cycle's cost.
 *
 * @param path the path and query asked for (no host, no credentials)
 * @param status the HTTP status, 0 when no answer came
 * @param fromCache the server answered 304 and the client's kept copy was used
 */
public record PwExchange(String method, String path, int status, boolean fromCache, Duration elapsed) {}
