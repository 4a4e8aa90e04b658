package dev.patchflow.store;

/** A stored project. */
public record Project(long id, String name, String listId, String listEmail) {}
