package dev.patchflow.mail;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Raw mail bytes to a {@link ParsedMail}. Pure: no I/O, no clock. */
public final class MailParser {
  private static final Pattern LIST_ID = Pattern.compile("<([^<>]+)>");
  private static final Pattern IN_BODY_HEADER = Pattern.compile("^(From|Subject|Date):\\s*(.*)$");
  private static final Pattern VIA_LIST = Pattern.compile("^(.*?)\\s+via\\s+\\S+$", Pattern.CASE_INSENSITIVE);

  private MailParser() {}

  public static ParsedMail parse(byte[] raw) throws MailParseException {
    if (raw.length == 0) {
      throw new MailParseException("empty message");
    }
    MimePart root = MimeParser.parse(raw);
    Headers h = root.headers();
    if (h.isEmpty()) {
      throw new MailParseException("no header block: the data does not start with mail headers");
    }
    Optional<String> fromHeader = h.first("From");
    Optional<String> subjectHeader = h.first("Subject");
    String messageId = h.firstRaw("Message-ID").map(MessageIds::normalise).orElse(null);
    if (fromHeader.isEmpty() && subjectHeader.isEmpty() && messageId == null) {
      throw new MailParseException("not a mail: no From, Subject or Message-ID header");
    }
    boolean synthetic = messageId == null;
    if (synthetic) {
      messageId = syntheticId(raw);
    }
    Person from = sender(h);
    Subject subject = SubjectParser.parse(subjectHeader.orElse(""));

    String bodyText = BodyText.of(root);
    InBody inBody = inBodyHeaders(bodyText);
    DiffExtractor.Split split = DiffExtractor.split(inBody.rest());
    Optional<PullRequest> pull = PullRequestParser.find(split.message());
    MailKind kind = classify(subject, split.diff(), pull.isPresent());
    String commitMessage = kind == MailKind.PATCH ? beforeSeparator(split.message()) : split.message();

    String inReplyTo = h.firstRaw("In-Reply-To").map(MessageIds::normalise).orElse(null);
    List<String> references = MessageIds.all(String.join(" ", h.all("References")));
    if (inReplyTo != null && inReplyTo.equals(messageId)) {
      inReplyTo = null;
    }
    List<Person> recipients = new ArrayList<>();
    h.all("To").forEach(v -> recipients.addAll(AddressParser.parseList(v)));
    h.all("Cc").forEach(v -> recipients.addAll(AddressParser.parseList(v)));

    return new ParsedMail(
        messageId, synthetic, inReplyTo, references, from,
        inBody.author() != null ? inBody.author() : from,
        h.first("Date").flatMap(MailDates::parse).orElse(null),
        subject, listIds(h), recipients, kind, split.message(), split.diff(), pull.orElse(null),
        TrailerParser.parse(commitMessage), h,
        h.first("X-Patchwork-Hint").map(v -> v.equalsIgnoreCase("ignore")).orElse(false));
  }

  static MailKind classify(Subject subject, Diff diff, boolean pullRequest) {
    if (subject.reply()) {
      return MailKind.COMMENT; // a reply carrying a diff is review, not a submission
    }
    if (pullRequest) {
      return MailKind.PULL_REQUEST;
    }
    if (diff != null) {
      return MailKind.PATCH;
    }
    return subject.isCover() ? MailKind.COVER : MailKind.COMMENT;
  }

  /** The commit message: what a patch says above its "---" line. */
  private static String beforeSeparator(String message) {
    int at = message.startsWith("---\n") ? 0 : message.indexOf("\n---\n");
    if (at < 0) {
      return message.endsWith("\n---") ? message.substring(0, message.length() - 4) : message;
    }
    return message.substring(0, at);
  }

  /**
   * DMARC-munged senders ("Jane via Foo-list &lt;list@...&gt;") are recovered from
   * X-Original-From, else Reply-To.
   */
  private static Person sender(Headers h) {
    Person from = AddressParser.parse(h.first("From").orElse(""));
    Matcher via = VIA_LIST.matcher(from.name());
    if (via.matches()) {
      Optional<String> original = h.first("X-Original-From").or(() -> h.first("Reply-To"));
      if (original.isPresent()) {
        Person p = AddressParser.parse(original.get());
        return new Person(p.name().isEmpty() ? via.group(1) : p.name(), p.email());
      }
    }
    return from;
  }

  private static List<String> listIds(Headers h) {
    List<String> out = new ArrayList<>();
    for (String name : List.of("List-Id", "X-Mailing-List", "X-list")) {
      for (String v : h.all(name)) {
        Matcher m = LIST_ID.matcher(v);
        String id = (m.find() ? m.group(1) : v).strip().toLowerCase(Locale.ROOT);
        // X-Mailing-List often holds the list's address, which is not an id
        if (!id.isEmpty() && !id.contains("@") && !out.contains(id)) {
          out.add(id);
        }
      }
    }
    return out;
  }

  private record InBody(Person author, String rest) {}

  /** git format-patch puts "From: Author" first in the body when the author is not the sender. */
  private static InBody inBodyHeaders(String body) {
    String head = body.stripLeading();
    if (!head.startsWith("From:") && !head.startsWith("Subject:") && !head.startsWith("Date:")) {
      return new InBody(null, body);
    }
    String[] lines = body.split("\n", -1);
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) {
      i++;
    }
    Person author = null;
    int start = i;
    while (i < lines.length) {
      Matcher m = IN_BODY_HEADER.matcher(lines[i]);
      if (!m.matches()) {
        break;
      }
      if (m.group(1).equals("From")) {
        author = AddressParser.parse(EncodedWords.decode(m.group(2)));
      }
      i++;
    }
    if (i == start || i >= lines.length || !lines[i].isBlank()) {
      return new InBody(null, body);
    }
    return new InBody(author, String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length)));
  }

  private static String syntheticId(byte[] raw) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(raw);
      return "patchflow-" + HexFormat.of().formatHex(d, 0, 16) + "@synthetic.invalid";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
