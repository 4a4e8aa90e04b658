package dev.patchflow.series;

/** A comment and the series member (patch or cover) it answers. */
public record Reply(String messageId, String answers) {}
