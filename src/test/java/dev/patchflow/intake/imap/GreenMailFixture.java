package dev.patchflow.intake.imap;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.patchflow.config.ImapSourceConfig;
import dev.patchflow.config.Secret;
import dev.patchflow.intake.RawMail;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** A real in-process IMAP server (GreenMail) with SMTP delivery, and a plain IMAP client to look at it. */
final class GreenMailFixture implements AutoCloseable {
  static final String USER = "lists";
  static final String ADDRESS = "lists@example.org";
  static final String PASSWORD = "imap-pw";
  final GreenMail mail;

  GreenMailFixture() {
    mail = new GreenMail(new ServerSetup[] {
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS)});
    mail.start();
    mail.setUser(ADDRESS, USER, PASSWORD);
  }

  int imapPort() {
    return mail.getImap().getPort();
  }

  int imapsPort() {
    return mail.getImaps().getPort();
  }

  ImapSourceConfig source(int port, ImapSourceConfig.Security security, String fingerprint, List<String> folders,
      String after) {
    return new ImapSourceConfig("test", "127.0.0.1", port, security, fingerprint, USER, Secret.of(PASSWORD), folders,
        after, List.of(), 1);
  }

  /** Sends each mail over SMTP as it is: no new Message-ID, no rewritten headers. */
  void deliver(List<RawMail> mails) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
    Session session = Session.getInstance(p);
    try (Transport t = session.getTransport("smtp")) {
      t.connect();
      for (RawMail m : mails) {
        MimeMessage msg = new MimeMessage(session, new ByteArrayInputStream(m.bytes()));
        t.sendMessage(msg, new Address[] {new InternetAddress(ADDRESS)});
      }
    }
  }

  private Store client() throws Exception {
    Properties p = new Properties();
    Store s = Session.getInstance(p).getStore("imap");
    s.connect("127.0.0.1", imapPort(), USER, PASSWORD);
    return s;
  }

  /** Moves the last n mails of INBOX into a new folder. */
  void moveLast(int n, String folder) throws Exception {
    try (Store s = client()) {
      Folder to = s.getFolder(folder);
      if (!to.exists()) {
        to.create(Folder.HOLDS_MESSAGES);
      }
      Folder in = s.getFolder("INBOX");
      in.open(Folder.READ_WRITE);
      Message[] all = in.getMessages();
      Message[] last = java.util.Arrays.copyOfRange(all, all.length - n, all.length);
      in.copyMessages(last, to);
      in.setFlags(last, new Flags(Flags.Flag.DELETED), true);
      in.close(true);
    }
  }

  /** Per message of the folder, its Message-ID and whether it is \Seen; empty when there is no folder. */
  List<String> look(String folder) throws Exception {
    List<String> out = new ArrayList<>();
    try (Store s = client()) {
      Folder f = s.getFolder(folder);
      if (!f.exists()) {
        return out;
      }
      f.open(Folder.READ_ONLY);
      for (Message m : f.getMessages()) {
        out.add(m.getHeader("Message-ID")[0] + (m.isSet(Flags.Flag.SEEN) ? " seen" : " unseen"));
      }
      f.close(false);
    }
    return out;
  }

  @Override
  public void close() {
    mail.stop();
  }
}
