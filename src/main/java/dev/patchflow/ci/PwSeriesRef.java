package dev.patchflow.ci;

/** A series as a patch listing names it. */
public record PwSeriesRef(long id, String name, int version, String webUrl, String mbox) {}
