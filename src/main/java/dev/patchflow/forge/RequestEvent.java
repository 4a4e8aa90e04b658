package dev.patchflow.forge;

import java.time.Duration;

/**
 * One exchange with GitHub, as it went over the wire (each retry is its own event).
 *
 * @param template the path with placeholders ("/repos/{owner}/{repo}/pulls"); metrics use it
 *     so that their label values stay few
 * @param status the HTTP status, 0 when no response came back
 * @param fromCache GitHub answered 304 and the cached body was used (not counted by GitHub
 *     against the rate limit)
 * @param rateLimitRemaining what GitHub's answer said remains of the rate limit, -1 if it said nothing
 */
public record RequestEvent(String method, String path, String template, int status, boolean fromCache,
    Duration elapsed, int rateLimitRemaining) {}
