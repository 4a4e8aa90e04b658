package dev.patchflow.ci;

/** A check to post on a patch (or one read back from it). */
public record PwCheck(String context, CheckState state, String targetUrl, String description) {}
