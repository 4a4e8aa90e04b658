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
}
