package dev.patchflow.intake;

import java.util.List;

/** Mail already in memory (fetched over IMAP, posted to the API) as a source for the importer. */
public final class ListSource implements MailSource {
  private final List<RawMail> mails;
  private final long size;
  private int next;
  private long position;

  public ListSource(List<RawMail> mails) {
    this.mails = List.copyOf(mails);
    this.size = this.mails.stream().mapToLong(m -> m.bytes().length).sum();
  }

  @Override
  public RawMail next() {
    if (next >= mails.size()) {
      return null;
    }
    RawMail m = mails.get(next++);
    position += m.bytes().length;
    return m;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void close() {}
}
