package dev.patchflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path tmp;

  private Config load(String yaml, Map<String, String> env) throws Exception {
    Path f = tmp.resolve("patchflow.yaml");
    Files.writeString(f, yaml);
    return ConfigLoader.load(f, true, env::get);
  }

  @Test
  void aFullConfigIsTyped() throws Exception {
    Config c = load("""
        database:
          url: jdbc:postgresql://db/patchflow
          user: pf
          password: ${PF_PW}
          pool_size: 4
        intake:
          batch_size: 100
          unmatched: keep
        projects:
          - name: netdev
            list_id: netdev.vger.kernel.org
            list_emails: [netdev@vger.kernel.org]
            prefixes: ["!RFC", "/^\\\\[PATCH net"]
        """, Map.of("PF_PW", "s3cret"));
    assertThat(c.database().url()).isEqualTo("jdbc:postgresql://db/patchflow");
    assertThat(c.database().password().reveal()).isEqualTo("s3cret");
    assertThat(c.database().password().toString()).doesNotContain("s3cret");
    assertThat(c.database().toString()).doesNotContain("s3cret");
    assertThat(c.intake().batch()).isEqualTo(100);
    assertThat(c.intake().unmatchedOrDefault()).isEqualTo(IntakeConfig.Unmatched.KEEP);
    assertThat(c.projects()).singleElement().satisfies(p -> {
      assertThat(p.listEmails()).containsExactly("netdev@vger.kernel.org");
      assertThat(p.prefixes()).containsExactly("!RFC", "/^\\[PATCH net");
    });
  }

  @Test
  void anUnknownKeyIsNamedWithItsLineAndTheFile() {
    assertThatThrownBy(() -> load("intake:\n  batch_size: 5\n  bach: 3\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("patchflow.yaml")
        .hasMessageContaining("line 3")
        .hasMessageContaining("unknown key 'intake.bach'")
        .hasMessageContaining("batch_size");
  }

  @Test
  void aBadValueIsNamed() {
    assertThatThrownBy(() -> load("intake:\n  batch_size: lots\n", Map.of()))
        .hasMessageContaining("line 2").hasMessageContaining("intake.batch_size");
    assertThatThrownBy(() -> load("intake:\n  unmatched: sometimes\n", Map.of()))
        .hasMessageContaining("intake.unmatched");
    assertThatThrownBy(() -> load("intake:\n  batch_size: 0\n", Map.of()))
        .hasMessageContaining("intake.batch_size: must be between 1 and 10000");
    assertThatThrownBy(() -> load("database:\n  url: mysql://x\n", Map.of()))
        .hasMessageContaining("database.url");
  }

  @Test
  void projectMistakesAreAllReported() {
    assertThatThrownBy(() -> load("""
        projects:
          - name: a
            list_id: a.example.org
            prefixes: ["/[unclosed"]
          - name: a
            list_id: b.example.org
          - name: "bad name"
        """, Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4))
        .hasMessageContaining("projects[0].prefixes[0]: bad regular expression")
        .hasMessageContaining("projects[1].name: 'a' is defined twice")
        .hasMessageContaining("projects[2].name")
        .hasMessageContaining("projects[2]: give list_id or list_emails");
  }

  @Test
  void aMissingSecretVariableIsNamedButNotItsValue() {
    assertThatThrownBy(() -> load("database:\n  password: ${NOT_SET_ANYWHERE}\n", Map.of()))
        .hasMessageContaining("database.password").hasMessageContaining("NOT_SET_ANYWHERE");
  }

  @Test
  void noFileMeansDefaultsUnlessOneWasAskedFor() {
    assertThat(ConfigLoader.load(tmp.resolve("absent.yaml"), false, k -> null)).isEqualTo(Config.DEFAULT);
    assertThatThrownBy(() -> ConfigLoader.load(tmp.resolve("absent.yaml"), true, k -> null))
        .hasMessageContaining("absent.yaml").hasMessageContaining("not found");
  }

  @Test
  void extraStatesKeepTheirIds() throws Exception {
    Config c = load("states:\n  - {id: 11, slug: mainlined, name: Mainlined}\n  - {id: 13, slug: queued, name: Queued}\n",
        Map.of());
    assertThat(c.states()).extracting(StateConfig::id).containsExactly(11, 13);
    assertThatThrownBy(() -> load("states:\n  - {id: 3, slug: accepted, name: X}\n", Map.of()))
        .hasMessageContaining("states[0].id: required, above 10").hasMessageContaining("states[0].slug: 'accepted' already exists");
  }

  @Test
  void aProjectMayHaveStatesOfItsOwnInTheSameNamespace() throws Exception {
    Config c = load("states:\n  - {id: 11, slug: mainlined, name: Mainlined}\nprojects:\n  - name: bpf\n"
        + "    list_id: bpf.vger.kernel.org\n    states:\n      - {id: 20, slug: needs-ack, name: Needs ACK}\n", Map.of());
    assertThat(c.projects().get(0).states()).extracting(StateConfig::slug).containsExactly("needs-ack");
    assertThatThrownBy(() -> load("states:\n  - {id: 11, slug: mainlined, name: Mainlined}\nprojects:\n  - name: bpf\n"
        + "    list_id: bpf.vger.kernel.org\n    states:\n      - {id: 11, slug: mainlined, name: X}\n", Map.of()))
        .hasMessageContaining("projects[0].states[0].id: 11 is used twice")
        .hasMessageContaining("projects[0].states[0].slug: 'mainlined' already exists");
  }

  @Test
  void imapSourcesAreTypedWithTheirPasswordFromTheEnvironment() throws Exception {
    Config c = load("""
        intake:
          imap:
            - host: imap.example.org
              user: lists
              password: ${IMAP_PW}
              fingerprint: "AB:cd:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd"
              folders: [INBOX, netdev]
              after: move:Archive
              projects: [netdev]
              poll_seconds: 30
            - name: relay
              host: localhost
              port: 1143
              security: starttls
              user: me
              password: plain
        projects:
          - name: netdev
            list_id: netdev.vger.kernel.org
        """, Map.of("IMAP_PW", "imap-s3cret"));
    ImapSourceConfig a = c.intake().imap().get(0);
    assertThat(a.password().reveal()).isEqualTo("imap-s3cret");
    assertThat(a.toString()).doesNotContain("imap-s3cret");
    assertThat(a.security()).isEqualTo(ImapSourceConfig.Security.TLS);
    assertThat(a.portOrDefault()).isEqualTo(993);
    assertThat(a.nameOrDefault()).isEqualTo("lists@imap.example.org:993");
    assertThat(a.folders()).containsExactly("INBOX", "netdev");
    assertThat(a.afterAction()).isEqualTo(new AfterAction.Move("Archive"));
    assertThat(a.projects()).containsExactly("netdev");
    assertThat(a.pollOrDefault()).isEqualTo(30);
    ImapSourceConfig b = c.intake().imap().get(1);
    assertThat(b.security()).isEqualTo(ImapSourceConfig.Security.STARTTLS);
    assertThat(b.folders()).containsExactly("INBOX");
    assertThat(b.afterAction()).isEqualTo(new AfterAction.Keep());
    assertThat(b.password().reveal()).isEqualTo("plain");
  }

  @Test
  void imapMistakesNameTheirKeys() {
    assertThatThrownBy(() -> load("""
        intake:
          imap:
            - host: imap.example.org
              port: 70000
              user: lists
              fingerprint: "12:34"
              after: archive
              projects: [nowhere]
              poll_seconds: 0
            - user: x
              password: y
              security: none
              fingerprint: "0000000000000000000000000000000000000000000000000000000000000000"
              folders: [INBOX, Done]
              after: "move:Done"
        """, Map.of()))
        .hasMessageContaining("intake.imap[0].port: must be between 1 and 65535, got 70000")
        .hasMessageContaining("intake.imap[0].password: required")
        .hasMessageContaining("intake.imap[0].fingerprint: must be a SHA-256 in hex")
        .hasMessageContaining("intake.imap[0].after: must be keep, mark-seen, move:FOLDER or delete, got 'archive'")
        .hasMessageContaining("intake.imap[0].projects[0]: no project named 'nowhere'")
        .hasMessageContaining("intake.imap[0].poll_seconds: must be between 1 and 1740, got 0")
        .hasMessageContaining("intake.imap[1].host: required")
        .hasMessageContaining("intake.imap[1].fingerprint: pins a TLS certificate, but security is none")
        .hasMessageContaining("intake.imap[1].after: moves mail into Done, which is also imported from");
    assertThatThrownBy(() -> load("intake:\n  imap:\n    - host: h\n      user: u\n      password: ${NO_SUCH_IMAP_PW}\n", Map.of()))
        .hasMessageContaining("intake.imap[0].password: environment variable NO_SUCH_IMAP_PW is not set");
  }

  @Test
  void afterActionsParse() {
    assertThat(AfterAction.parse("keep")).isEqualTo(new AfterAction.Keep());
    assertThat(AfterAction.parse("Mark-Seen")).isEqualTo(new AfterAction.MarkSeen());
    assertThat(AfterAction.parse("delete")).isEqualTo(new AfterAction.Delete());
    assertThat(AfterAction.parse("move: Lists/Done")).isEqualTo(new AfterAction.Move("Lists/Done"));
    assertThat(AfterAction.parse("move:Lists/Done").describe()).isEqualTo("move:Lists/Done");
    assertThatThrownBy(() -> AfterAction.parse("move:")).hasMessageContaining("move: needs a folder");
    assertThatThrownBy(() -> AfterAction.parse("seen")).hasMessageContaining("got 'seen'");
  }

  @Test
  void publicInboxMirrorsAreTypedAndTheirMistakesNamed() throws Exception {
    Config c = load("""
        intake:
          public_inbox:
            - path: /srv/lore/netdev
              poll_seconds: 30
              projects: [netdev]
            - path: mirrors
        projects:
          - name: netdev
            list_id: netdev.vger.kernel.org
        """, Map.of());
    assertThat(c.intake().publicInbox()).hasSize(2);
    assertThat(c.intake().publicInbox().get(0)).isEqualTo(new PublicInboxConfig("/srv/lore/netdev", 30, java.util.List.of("netdev")));
    assertThat(c.intake().publicInbox().get(1).pollSecondsOrDefault()).isEqualTo(60);
    assertThat(c.intake().publicInbox().get(1).projects()).isEmpty();
    assertThatThrownBy(() -> load("""
        intake:
          public_inbox:
            - poll_seconds: 0
              projects: [nosuch]
        """, Map.of()))
        .hasMessageContaining("intake.public_inbox[0].path: required")
        .hasMessageContaining("intake.public_inbox[0].poll_seconds: must be between 1 and 86400, got 0")
        .hasMessageContaining("intake.public_inbox[0].projects[0]: no project named 'nosuch'");
    assertThatThrownBy(() -> load("intake:\n  public_inbox:\n    - path: x\n      poll: 3\n", Map.of()))
        .hasMessageContaining("unknown key 'intake.public_inbox[0].poll'");
  }

  @Test
  void testsAreTypedWithDefaultsAndTheirMistakesNamed() throws Exception {
    Config c = load("""
        projects:
          - name: netdev
            list_id: netdev.vger.kernel.org
            tests:
              - name: build
                script: make -j8
                requirements: [x86_64]
              - name: checkpatch
                script: ./scripts/checkpatch.pl
                timeout_seconds: 60
                enabled: false
        """, Map.of());
    var tests = c.projects().get(0).tests();
    assertThat(tests).hasSize(2);
    assertThat(tests.get(0).timeoutOrDefault()).isEqualTo(3600);
    assertThat(tests.get(0).enabledOrDefault()).isTrue();
    assertThat(tests.get(0).requirements()).containsExactly("x86_64");
    assertThat(tests.get(1).timeoutOrDefault()).isEqualTo(60);
    assertThat(tests.get(1).enabledOrDefault()).isFalse();
    assertThatThrownBy(() -> load("""
        projects:
          - name: netdev
            list_id: netdev.vger.kernel.org
            tests:
              - name: build
                script: make
              - name: "bad name"
                timeout_seconds: 0
                requirements: ["a b"]
              - name: build
                script: make
        """, Map.of()))
        .hasMessageContaining("projects[0].tests[1].name: required; letters, digits")
        .hasMessageContaining("projects[0].tests[1].script: required")
        .hasMessageContaining("projects[0].tests[1].timeout_seconds: must be between 1 and 604800, got 0")
        .hasMessageContaining("projects[0].tests[1].requirements[0]: letters, digits")
        .hasMessageContaining("projects[0].tests[2].name: 'build' is defined twice");
  }

  @Test
  void baseTestsRunOnTheBaseBranchOfAProjectWithAGitTree() throws Exception {
    Config c = load("""
        projects:
          - name: netdev
            list_id: netdev.vger.kernel.org
            git: {base_repo: /srv/git/net.git, push_url: /srv/git/tags.git}
            tests:
              - {name: build, script: make}
              - {name: nightly, script: make world, base: true}
        """, Map.of());
    var tests = c.projects().get(0).tests();
    assertThat(tests.get(0).onBase()).isFalse();
    assertThat(tests.get(1).onBase()).isTrue();
    assertThatThrownBy(() -> load("""
        projects:
          - name: netdev
            list_id: netdev.vger.kernel.org
            tests:
              - {name: nightly, script: make world, base: true}
        """, Map.of()))
        .hasMessageContaining("projects[0].tests[0].base: a base test needs the project's git tree");
  }

  @Test
  void notificationsAreTypedWithTheSmtpPasswordFromTheEnvironment() throws Exception {
    Config c = load("""
        notifications:
          smtp: {host: smtp.example.org, security: tls, user: bot, password: "${SMTP_PW}", from: ci@example.org}
          on_failure: {to: [dev@example.org], submitter: true, subject: "{test} {status}"}
        """, Map.of("SMTP_PW", "s3cret"));
    NotificationsConfig n = c.notifications();
    assertThat(n.smtp().password().reveal()).isEqualTo("s3cret");
    assertThat(n.smtp().toString()).doesNotContain("s3cret");
    assertThat(n.smtp().portOrDefault()).isEqualTo(465);
    assertThat(n.onFailure().to()).containsExactly("dev@example.org");
    assertThat(n.onFailure().submitterOrDefault()).isTrue();
    assertThat(n.onFailure().listOrDefault()).isFalse();
    assertThat(n.onFailure().bodyOrDefault()).contains("{log_url}");
    assertThat(load("projects: []\n", Map.of()).notifications()).isNull();
  }

  @Test
  void notificationMistakesNameTheirKeys() {
    assertThatThrownBy(() -> load("""
        notifications:
          smtp: {port: 0, user: bot, from: "not an address"}
          on_failure: {to: [nobody], subject: ""}
        """, Map.of()))
        .hasMessageContaining("notifications.smtp.host: required")
        .hasMessageContaining("notifications.smtp.port: must be between 1 and 65535, got 0")
        .hasMessageContaining("notifications.smtp.from: required, an address")
        .hasMessageContaining("notifications.smtp: give both user and password")
        .hasMessageContaining("notifications.on_failure.to[0]: not an address: 'nobody'")
        .hasMessageContaining("notifications.on_failure.subject: one non-empty line");
    assertThatThrownBy(() -> load("notifications:\n  smtp: {host: h, from: a@b.org}\n  on_failure: {}\n", Map.of()))
        .hasMessageContaining("notifications.on_failure: nobody to tell");
    assertThatThrownBy(() -> load("notifications:\n  smtp: {host: h, from: a@b.org, security: ssl}\n", Map.of()))
        .hasMessageContaining("security");
    assertThatThrownBy(() -> load("notifications:\n  smtp: {host: h, user: u, password: \"${NO_SMTP_PW}\", from: a@b.org}\n"
        + "  on_failure: {to: [x@y.org]}\n", Map.of()))
        .hasMessageContaining("notifications.smtp.password: environment variable NO_SMTP_PW is not set");
  }

  @Test
  void capabilityProbesAreTypedAndTheirMistakesNamed() throws Exception {
    Config c = load("projects:\n  - name: bpf\n    list_id: bpf.vger.kernel.org\n    probes:\n"
        + "      - {name: kvm, script: \"test -w /dev/kvm\"}\n", Map.of());
    assertThat(c.projects().get(0).probes()).containsExactly(new ProbeConfig("kvm", "test -w /dev/kvm"));
    assertThatThrownBy(() -> load("projects:\n  - name: bpf\n    list_id: bpf.vger.kernel.org\n    probes:\n"
        + "      - {name: \"two words\", script: \" \"}\n", Map.of()))
        .hasMessageContaining("projects[0].probes[0].name: letters, digits")
        .hasMessageContaining("projects[0].probes[0].script: required");
  }
}
