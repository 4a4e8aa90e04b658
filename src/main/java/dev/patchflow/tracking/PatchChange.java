package dev.patchflow.tracking;

/**
 * What to change on a patch; null fields stay as they are. {@code state} is a slug, a name or
 * a numeric id; {@code delegate} a user id, username or e-mail; {@code clearDelegate} removes it.
 */
public record PatchChange(String state, String delegate, boolean clearDelegate, Boolean archived, String commitRef) {}
