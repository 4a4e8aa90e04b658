package dev.patchflow.store;

import dev.patchflow.mail.ParsedMail;
import java.time.Instant;

/** A parsed mail with its raw bytes, on its way into the store. */
public record IncomingMail(ParsedMail mail, byte[] raw, String rawSha256, String origin, Instant receivedAt) {}
