package dev.patchflow.intake;

/** One mail's bytes as read, and where they came from ("list.mbox:1234", a maildir file). */
public record RawMail(byte[] bytes, String origin) {}
