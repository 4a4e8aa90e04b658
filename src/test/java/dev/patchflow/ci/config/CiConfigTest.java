package dev.patchflow.ci.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchflow.config.ConfigException;
import dev.patchflow.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiConfigTest {
  private static final Function<String, String> ENV = Map.of("PW_TOKEN", "pw-secret-token")::get;
  @TempDir Path tmp;
  Path key;

  @BeforeEach
  void key() throws Exception {
    key = tmp.resolve("app.pem");
    Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nnot really\n-----END RSA PRIVATE KEY-----\n");
  }

  private CiConfig json(String text) throws Exception {
    Path f = tmp.resolve("kpd.json");
    Files.writeString(f, text);
    return CiConfigFiles.load(f, null, ENV);
  }

  private CiConfig yaml(String text) throws Exception {
    Path f = tmp.resolve("patchflow.yaml");
    Files.writeString(f, text);
    return CiConfigFiles.load(f, null, ENV);
  }

  private List<String> jsonProblems(String text) {
    try {
      json(text);
    } catch (ConfigException e) {
      assertThat(e.getMessage()).startsWith(tmp.resolve("kpd.json").toString());
      return e.problems();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no problems found");
  }

  @Test
  void aKpdFileIsReadAsKpdWritesIt() throws Exception {
    CiConfig c = json(KpdConfigSamples.json(key.toString()));
    PatchworkConfig pw = c.patchwork();
    assertThat(pw.serverUri()).hasToString("https://patchwork.example.org/");
    assertThat(pw.project()).isEqualTo("netdevbpf");
    assertThat(pw.searchPatterns()).hasSize(2);
    assertThat(pw.searchPatterns().get(0)).containsExactly(Map.entry("archived", "false"), Map.entry("project", "399"),
        Map.entry("delegate", "121173"));
    assertThat(pw.lookback()).isEqualTo(7);
    assertThat(pw.apiToken().reveal()).isEqualTo("pw-secret-token");
    assertThat(pw.relevantStates()).containsExactly("new", "under-review", "rfc", "changes-requested", "queued",
        "needs-ack");
    assertThat(pw.closedStates()).contains("accepted", "superseded", "mainlined", "handled-elsewhere").hasSize(8);
    assertThat(pw.stateTtls()).containsExactly(Map.entry("changes-requested", Duration.ofHours(1)),
        Map.entry("rfc", Duration.ofHours(1)));

    assertThat(c.branches().keySet()).containsExactly("bpf-next", "bpf");
    BranchConfig next = c.branches().get("bpf-next");
    assertThat(next.upstreamBranch()).isEqualTo("master");
    assertThat(next.auth()).isEqualTo(new BranchAuth.Token(Secret.of("ghp_verysecrettoken")));
    BranchConfig bpf = c.branches().get("bpf");
    assertThat(bpf.upstreamBranch()).isEqualTo("for-next");
    assertThat(bpf.auth().describe()).isEqualTo("app 1234 installation 5678");
    assertThat(((BranchAuth.App) bpf.auth()).loadPrivateKey().reveal()).contains("BEGIN RSA PRIVATE KEY");

    assertThat(c.tagToBranchMapping().keySet()).containsExactly("bpf", "bpf-next", "__DEFAULT__");
    assertThat(c.tagToBranchMapping().get("__DEFAULT__")).containsExactly("bpf-next", "bpf");
    assertThat(c.baseDirectory()).isEqualTo("/var/lib/kpd");
    assertThat(c.mirrorDir()).isEqualTo("/var/lib/kpd/mirrors");
    assertThat(c.email().portOrDefault()).isEqualTo(465);
    assertThat(c.email().to()).containsExactly("bpf-ci@example.org");
    assertThat(c.github().apiUri()).hasToString("https://api.github.com");
    assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(120));
    assertThat(c.seriesBranchTtl()).isEqualTo(Duration.ofDays(2));
    assertThat(c.toString()).doesNotContain("ghp_verysecrettoken", "pw-secret-token", "mailpassword");
  }

  @Test
  void theYamlFormIsTheSameConfig() throws Exception {
    assertThat(yaml(KpdConfigSamples.yaml(key.toString()))).isEqualTo(json(KpdConfigSamples.json(key.toString())));
  }

  @Test
  void onlyVersionThreeIsRead() {
    assertThat(jsonProblems("{\"version\": 2, \"pw_url\": \"x\"}"))
        .singleElement().asString().startsWith("version: must be 3").endsWith("got 2");
    assertThat(jsonProblems("{\"patchwork\": {}}")).singleElement().asString().startsWith("version:");
  }

  @Test
  void anUnknownKeyIsNamedWithItsPathAndLine() {
    String text = KpdConfigSamples.json(key.toString()).replace("\"lookback\": 7,", "\"lookback\": 7,\n\"lookbak\": 2,");
    assertThat(jsonProblems(text)).singleElement().asString()
        .contains("line 11").contains("unknown key 'patchwork.lookbak'");
    String top = KpdConfigSamples.json(key.toString()).replace("\"version\": 3,", "\"version\": 3, \"labels\": {},");
    assertThat(jsonProblems(top)).singleElement().asString().contains("unknown key 'labels'");
  }

  @Test
  void everyProblemIsNamedByItsKeyAtOnce() {
    String text = KpdConfigSamples.json(key.toString())
        .replace("\"bpf\": [\"bpf\"]", "\"bpf\": [\"bpf\", \"bfp\"]")
        .replace("\"github_oauth_token\": \"ghp_verysecrettoken\"",
            "\"github_oauth_token\": \"x\", \"github_app_auth\": {\"app_id\": 1, \"installation_id\": 2, \"private_key\": \"k\"}")
        .replace("\"private_key_path\": \"" + key + "\"", "\"private_key\": \"k\", \"private_key_path\": \"/nope.pem\"")
        .replace("\"lookback\": 7", "\"lookback\": -1")
        .replace("\"server\": \"patchwork.example.org\"", "\"server\": \"https://\"")
        .replace("\"ci_repo\": \"https://github.com/example-ci/vmtest.git\",\n      \"ci_branch\": \"main\",\n      \"github_o",
            "\"ci_repo\": \"not a url\",\n      \"ci_branch\": \"main\",\n      \"github_o")
        .replace("\"submitter_allowlist\": [\".*@example\\\\.org\"]", "\"submitter_allowlist\": [\"(unclosed\"]")
        .replace("\"base_directory\": \"/var/lib/kpd\",", "");
    assertThat(jsonProblems(text)).containsExactlyInAnyOrder(
        "patchwork.server: not a host name or http(s) URL: 'https://'",
        "patchwork.lookback: must be 0 or more, got -1",
        "branches.bpf-next.ci_repo: not a URL: 'not a url' (Illegal character in path)",
        "branches.bpf-next: give github_oauth_token or github_app_auth, not both",
        "branches.bpf.github_app_auth: give private_key or private_key_path, exactly one",
        "tag_to_branch_mapping.bpf[1]: no branch named 'bfp' in branches",
        "base_directory: required (where the git working copies are kept)",
        "email.submitter_allowlist[0]: bad regular expression: Unclosed group");
  }

  @Test
  void appAuthNeedsItsIdsAndAReadableKey() {
    String text = KpdConfigSamples.json(key.toString())
        .replace("\"app_id\": 1234,", "")
        .replace(key.toString(), tmp.resolve("missing.pem").toString())
        .replace("\"github_oauth_token\": \"ghp_verysecrettoken\"", "\"upstream_branch\": \"main\"");
    assertThat(jsonProblems(text)).containsExactlyInAnyOrder(
        "branches.bpf-next: needs github_oauth_token or github_app_auth",
        "branches.bpf.github_app_auth.app_id: required, a positive number",
        "branches.bpf.github_app_auth.private_key_path: no readable file at '" + tmp.resolve("missing.pem") + "'");
  }

  @Test
  void aMissingEnvironmentVariableIsNamedWithTheKey() {
    String text = KpdConfigSamples.json(key.toString()).replace("ghp_verysecrettoken", "${GH_TOKEN}");
    assertThat(jsonProblems(text)).contains("branches.bpf-next.github_oauth_token: environment variable GH_TOKEN is not set")
        .doesNotContain("patchwork.api_token: environment variable PW_TOKEN is not set");
  }

  @Test
  void stateNamesMustBeNamesAndNotBothRelevantAndClosed() throws Exception {
    String yaml = KpdConfigSamples.yaml(key.toString()).replace("    lookback: 7\n", """
            lookback: 7
            relevant_states: [new, accepted, ""]
            state_ttl_seconds: {changes-requested: 0}
        """);
    Path f = tmp.resolve("patchflow.yaml");
    Files.writeString(f, yaml);
    assertThatThrownBy(() -> CiConfigFiles.load(f, null, ENV)).isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
            "ci.patchwork.relevant_states[2]: a state name (lower-case letters, digits, '-'), got ''",
            "ci.patchwork.relevant_states: 'accepted' is also in closed_states",
            "ci.patchwork.state_ttl_seconds.changes-requested: must be at least 1, got 0"));
  }

  @Test
  void yamlErrorsKeepTheirLineNumbers() throws Exception {
    Path f = tmp.resolve("patchflow.yaml");
    Files.writeString(f, KpdConfigSamples.yaml(key.toString()).replace("      ci_branch: main\n      github_oauth",
        "      ci_branch: main\n      ci_brnch: x\n      github_oauth"));
    assertThatThrownBy(() -> CiConfigFiles.load(f, null, ENV)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 21").hasMessageContaining("unknown key 'ci.branches.bpf-next.ci_brnch'");
  }

  @Test
  void yamlExtrasHaveTheirOwnValues() throws Exception {
    CiConfig c = yaml(KpdConfigSamples.yaml(key.toString()) + """
          labels: {merge-conflict: '#E85506', RFC: f2e318}
          github: {api_url: 'https://ghe.example.org/api/v3', webhook_secret: hooksecret}
          poll_seconds: 30
          series_branch_ttl_days: 5
        """);
    assertThat(c.labels()).containsExactly(Map.entry("merge-conflict", "e85506"), Map.entry("RFC", "f2e318"));
    assertThat(c.github().apiUri()).hasToString("https://ghe.example.org/api/v3");
    assertThat(c.github().webhookSecret().reveal()).isEqualTo("hooksecret");
    assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.seriesBranchTtl()).isEqualTo(Duration.ofDays(5));
    assertThat(c.toString()).doesNotContain("hooksecret");
  }

  @Test
  void aLabelsFileGivesColoursWithOrWithoutHash() throws Exception {
    Path labels = tmp.resolve("labels.json");
    Files.writeString(labels, "{\"changes-requested\":\"2a76af\",\"merge-conflict\":\"#E85506\",\"RFC\":\"f2e318\"}");
    CiConfig c = CiConfigFiles.load(write("kpd.json", KpdConfigSamples.json(key.toString())), labels, ENV);
    assertThat(c.labels()).containsExactly(Map.entry("changes-requested", "2a76af"),
        Map.entry("merge-conflict", "e85506"), Map.entry("RFC", "f2e318"));

    Files.writeString(labels, "{\"new\":\"c2e0c6\",\"bad\":\"12345\",\"worse\":\"zzzzzz\",\"num\":123456}");
    assertThatThrownBy(() -> LabelsFile.read(labels)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(labels.toString())
        .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
            "bad: colour must be 6 hex digits like 'e85506', got \"12345\"",
            "worse: colour must be 6 hex digits like 'e85506', got \"zzzzzz\"",
            "num: colour must be 6 hex digits like 'e85506', got 123456"));
  }

  @Test
  void theKindIsToldByExtensionOrContent() throws Exception {
    assertThat(CiConfigFiles.kind(write("kpd.conf", "  {\"version\": 3}"))).isEqualTo(CiConfigFiles.Kind.KPD_JSON);
    assertThat(CiConfigFiles.kind(write("site.conf", "ci:\n"))).isEqualTo(CiConfigFiles.Kind.PATCHFLOW_YAML);
    assertThat(CiConfigFiles.kind(write("x.yml", "{}"))).isEqualTo(CiConfigFiles.Kind.PATCHFLOW_YAML);
    assertThatThrownBy(() -> CiConfigFiles.load(write("p.yaml", "server:\n  port: 8080\n"), null, ENV))
        .hasMessageContaining("ci: no ci section");
  }

  private Path write(String name, String text) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void theReadmeExampleIsValid() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int from = readme.indexOf("```yaml\nci:\n");
    assertThat(from).isNotNegative();
    String yaml = readme.substring(from + "```yaml\n".length(), readme.indexOf("```", from + 7));
    CiConfig c = CiConfigFiles.load(write("readme.yaml", yaml), null,
        Map.of("PW_TOKEN", "a", "GH_TOKEN", "b", "SMTP_PASS", "c", "HOOK_SECRET", "d")::get);
    assertThat(c.branches().get("bpf-next").auth()).isEqualTo(new BranchAuth.Token(Secret.of("b")));
    assertThat(c.email().pass().reveal()).isEqualTo("c");
    assertThat(c.github().webhookSecret().reveal()).isEqualTo("d");
  }
}
