package dev.patchflow.intake.imap;

/** How far a folder has been imported: every UID up to lastUid, within uidValidity, is committed. */
public record FolderState(long uidValidity, long lastUid) {}
