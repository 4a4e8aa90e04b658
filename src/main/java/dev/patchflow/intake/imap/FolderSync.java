package dev.patchflow.intake.imap;

import dev.patchflow.config.AfterAction;
import dev.patchflow.intake.RawMail;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over one folder: fetch what is new since the last committed UID, in batches; each
 * batch is delivered (committed), then the after-action is done, then the UID remembered. A
 * crash before the after-action leaves the mail as it was and the UID where it was, so the next
 * pass delivers the batch again (the store sees duplicates) and then finishes the job.
 */
final class FolderSync {
  private static final Logger LOG = LoggerFactory.getLogger(FolderSync.class);

  private final String source;
  private final AfterAction after;
  private final MailSink sink;
  private final UidStore uids;
  private final int batchSize;

  FolderSync(String source, AfterAction after, MailSink sink, UidStore uids, int batchSize) {
    this.source = source;
    this.after = after;
    this.sink = sink;
    this.uids = uids;
    this.batchSize = batchSize;
  }

  /** Imports what is new in the folder; returns how many mails were delivered. */
  int pass(Store store, String name) throws MessagingException, IOException {
    IMAPFolder folder = (IMAPFolder) store.getFolder(name);
    if (!folder.exists()) {
      throw new IOException("IMAP source '" + source + "': no folder " + name);
    }
    folder.open(after instanceof AfterAction.Keep ? Folder.READ_ONLY : Folder.READ_WRITE);
    try {
      long validity = folder.getUIDValidity();
      UidPlan plan = UidPlan.decide(uids.load(source, name), validity);
      if (plan.rescan()) {
        LOG.atWarn().addKeyValue("source", source).addKeyValue("folder", name).addKeyValue("uidvalidity", validity)
            .log("UIDVALIDITY changed: the server renumbered the folder, reading it again from the start");
      }
      // "UID n:*" also answers the highest message when it is below n, so filter again here.
      Message[] found = folder.getMessagesByUID(plan.fromUid(), UIDFolder.LASTUID);
      FetchProfile fp = new FetchProfile();
      fp.add(UIDFolder.FetchProfileItem.UID);
      fp.add(FetchProfile.Item.ENVELOPE);
      folder.fetch(found, fp);
      List<Message> fresh = new ArrayList<>();
      for (Message m : found) {
        if (m != null && folder.getUID(m) >= plan.fromUid()) {
          fresh.add(m);
        }
      }
      fresh.sort(Comparator.comparingLong(m -> uid(folder, m)));
      for (int i = 0; i < fresh.size(); i += batchSize) {
        List<Message> chunk = fresh.subList(i, Math.min(i + batchSize, fresh.size()));
        deliver(folder, name, chunk);
        long last = uid(folder, chunk.get(chunk.size() - 1));
        uids.save(source, name, new FolderState(validity, last));
      }
      if (plan.rescan() && fresh.isEmpty()) {
        uids.save(source, name, new FolderState(validity, 0));
      }
      LOG.atInfo().addKeyValue("source", source).addKeyValue("folder", name).addKeyValue("imported", fresh.size())
          .addKeyValue("after", after.describe()).log("folder synced");
      return fresh.size();
    } finally {
      if (folder.isOpen()) {
        folder.close(false);
      }
    }
  }

  private void deliver(IMAPFolder folder, String name, List<Message> chunk) throws MessagingException, IOException {
    List<RawMail> raws = new ArrayList<>();
    List<Long> uidList = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Message m : chunk) {
      uidList.add(uid(folder, m));
      ids.add(messageId(m));
      raws.add(new RawMail(raw(m), "imap:" + source + "/" + name + ":" + uidList.get(uidList.size() - 1)));
    }
    sink.deliver(raws);
    Message[] msgs = chunk.toArray(new Message[0]);
    if (after instanceof AfterAction.MarkSeen) {
      folder.setFlags(msgs, new Flags(Flags.Flag.SEEN), true);
    } else if (after instanceof AfterAction.Move mv) {
      move(folder, msgs, mv.folder());
    } else if (after instanceof AfterAction.Delete) {
      folder.setFlags(msgs, new Flags(Flags.Flag.DELETED), true);
      folder.expunge(msgs); // UID EXPUNGE where the server has UIDPLUS: only these
    }
    for (int i = 0; i < chunk.size(); i++) {
      LOG.atDebug().addKeyValue("source", source).addKeyValue("folder", name).addKeyValue("uid", uidList.get(i))
          .addKeyValue("message_id", ids.get(i)).addKeyValue("after", after.describe()).log("imported");
    }
  }

  private static void move(IMAPFolder folder, Message[] msgs, String target) throws MessagingException {
    Folder to = folder.getStore().getFolder(target);
    if (!to.exists()) {
      to.create(Folder.HOLDS_MESSAGES);
    }
    if (((org.eclipse.angus.mail.imap.IMAPStore) folder.getStore()).hasCapability("MOVE")) {
      folder.moveMessages(msgs, to);
    } else {
      folder.copyMessages(msgs, to);
      folder.setFlags(msgs, new Flags(Flags.Flag.DELETED), true);
      folder.expunge(msgs);
    }
  }

  /** The mail as the server keeps it, with Unix line ends like mail on disk (IMAP sends CRLF). */
  private static byte[] raw(Message m) throws MessagingException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    byte[] b = out.toByteArray();
    ByteArrayOutputStream lf = new ByteArrayOutputStream(b.length);
    for (int i = 0; i < b.length; i++) {
      if (!(b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n')) {
        lf.write(b[i]);
      }
    }
    return lf.toByteArray();
  }

  private static String messageId(Message m) {
    try {
      String[] ids = m.getHeader("Message-ID");
      return ids == null ? null : Arrays.stream(ids).findFirst().orElse(null);
    } catch (MessagingException e) {
      return null;
    }
  }

  private static long uid(IMAPFolder folder, Message m) {
    try {
      return folder.getUID(m);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
