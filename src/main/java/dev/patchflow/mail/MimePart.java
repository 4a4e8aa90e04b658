package dev.patchflow.mail;

import java.util.List;

/**
 * One node of a MIME tree. {@code body} is already transfer-decoded (base64, quoted-printable)
 * but still in its charset; {@link #text()} decodes it.
 */
public record MimePart(
    Headers headers, ContentType type, String disposition, String filename, byte[] body,
    List<MimePart> children) {

  public MimePart {
    children = List.copyOf(children);
  }

  public String text() {
    return Charsets.decode(body, type.param("charset"));
  }

  public boolean isAttachment() {
    return "attachment".equals(disposition) || filename != null;
  }
}
