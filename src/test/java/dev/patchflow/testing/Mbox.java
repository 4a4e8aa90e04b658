package dev.patchflow.testing;

import dev.patchflow.intake.RawMail;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes test mboxes. */
public final class Mbox {
  private Mbox() {}

  public static Path write(Path file, List<RawMail> mails) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (RawMail m : mails) {
      out.writeBytes("From patchflow-test Mon Jan  5 10:00:00 2026\n".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(m.bytes());
      boolean endsWithNewline = m.bytes().length > 0 && m.bytes()[m.bytes().length - 1] == '\n';
      out.writeBytes((endsWithNewline ? "\n" : "\n\n").getBytes(StandardCharsets.US_ASCII));
    }
    try {
      Files.write(file, out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  public static RawMail text(String mail) {
    return new RawMail(mail.getBytes(StandardCharsets.UTF_8), "test");
  }
}
