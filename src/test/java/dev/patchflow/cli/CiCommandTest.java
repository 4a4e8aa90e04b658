package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.ci.config.KpdConfigSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** patchflow ci --check-config, run in process as a user runs it. */
class CiCommandTest {
  @TempDir Path tmp;
  Path key;

  @BeforeEach
  void key() throws Exception {
    key = tmp.resolve("app.pem");
    Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nsecret-key-material\n-----END RSA PRIVATE KEY-----\n");
  }

  @Test
  void aKpdConfigIsExplainedWithoutItsSecrets() throws Exception {
    // the token is not in the environment, so the patchwork section must stay literal to validate
    Path config = tmp.resolve("kpd.json");
    Files.writeString(config, KpdConfigSamples.json(key.toString()).replace("${PW_TOKEN}", "pw-token-literal"));
    Path labels = tmp.resolve("labels.json");
    Files.writeString(labels, "{\"merge-conflict\":\"e85506\",\"RFC\":\"#f2e318\"}");

    CliRun r = CliRun.of("ci", "--check-config", config.toString(), "--label-colors", labels.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("(KPD JSON)")
        .contains("patchwork: https://patchwork.example.org/ project netdevbpf")
        .contains("search (any of): archived=false and project=399 and delegate=121173")
        .contains("lookback: 7 days")
        .contains("relevant states: new, under-review, rfc, changes-requested, queued, needs-ack")
        .contains("expire: changes-requested after 1h, rfc after 1h")
        .contains("  bpf-next: repo https://github.com/example-ci/bpf.git, upstream "
            + "https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf-next.git@master, ci "
            + "https://github.com/example-ci/vmtest.git@main, auth token")
        .contains("@for-next, ci https://github.com/example-ci/vmtest.git@main, auth app 1234 installation 5678")
        .contains("  bpf -> bpf\n").contains("  __DEFAULT__ -> bpf-next, bpf\n")
        .contains("labels: merge-conflict #e85506, RFC #f2e318")
        .contains("email: smtp.example.org:465")
        .contains("config OK")
        .doesNotContain("ghp_verysecrettoken").doesNotContain("pw-token-literal").doesNotContain("mailpassword")
        .doesNotContain("secret-key-material");
  }

  @Test
  void aBadConfigExitsTwoNamingTheFileAndTheKeys() throws Exception {
    Path config = tmp.resolve("patchflow.yaml");
    Files.writeString(config, KpdConfigSamples.yaml(key.toString()).replace("${PW_TOKEN}", "t")
        .replace("__DEFAULT__: [bpf-next, bpf]", "__DEFAULT__: [bpf-nxt]")
        .replace("github_oauth_token: ghp_verysecrettoken", "upstream_branch: master"));

    CliRun r = CliRun.of("ci", "--check-config", config.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains(config + ": ci.tag_to_branch_mapping.__DEFAULT__[0]: no branch named 'bpf-nxt' in branches")
        .contains(config + ": ci.branches.bpf-next: needs github_oauth_token or github_app_auth")
        .doesNotContain("at dev.");
  }

  @Test
  void withoutAConfigThereIsNothingToDo() {
    CliRun r = CliRun.of("ci");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("give --config FILE to run the bridge, or --check-config FILE");
  }
}
