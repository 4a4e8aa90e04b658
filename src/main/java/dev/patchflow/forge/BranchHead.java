package dev.patchflow.forge;

/** A branch (without "refs/heads/") and the commit it points at. */
public record BranchHead(String name, String sha) {}
