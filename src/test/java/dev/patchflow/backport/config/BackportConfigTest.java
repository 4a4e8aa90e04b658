package dev.patchflow.backport.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchflow.config.Config;
import dev.patchflow.config.ConfigException;
import dev.patchflow.config.ConfigLoader;
import dev.patchflow.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackportConfigTest {
  static final Path SHIPPED = Path.of("deploy/backport/photon.yaml");
  @TempDir Path tmp;

  private Config load(String yaml, Map<String, String> env) throws Exception {
    Path f = tmp.resolve("patchflow.yaml");
    Files.writeString(f, yaml);
    return ConfigLoader.load(f, true, env::get);
  }

  @Test
  void theShippedPhotonTableLoadsWithItsTokenFromTheEnvironment() {
    BackportConfig c = ConfigLoader.load(SHIPPED, true, Map.of("GITHUB_TOKEN", "ghp_secret")::get).backport();
    assertThat(c.kernels()).extracting(KernelLineConfig::kernel).containsExactly("5.10", "6.1", "6.12");
    assertThat(c.kernels()).extracting(KernelLineConfig::branch).containsExactly("4.0", "5.0", "common");
    assertThat(c.kernels()).extracting(KernelLineConfig::specDir)
        .containsExactly("SPECS/linux", "SPECS/linux", "SPECS/linux/v6.12");
    assertThat(c.kernel("5.10").orElseThrow().specs()).containsOnlyKeys("base", "esx");
    assertThat(c.kernel("6.1").orElseThrow().stableBranch()).isEqualTo("linux-6.1.y");
    assertThat(c.cveBlock().from()).isEqualTo(100);
    assertThat(c.cveBlock().to()).isEqualTo(249);
    assertThat(c.fillGaps()).isFalse();
    assertThat(c.schedule()).isEqualTo("0 2 * * *");
    assertThat(c.github().token().reveal()).isEqualTo("ghp_secret");
    assertThat(c.toString()).doesNotContain("ghp_secret");
    assertThat(c.kernel("6.1").orElseThrow().cloneUrl()).isEqualTo("https://github.com/vmware/photon.git");
  }

  /** The corpus holds 5.0's SPECS/linux and common's SPECS/linux/v6.12: every spec the table names is there. */
  @Test
  void theShippedTableMatchesThePhotonTreesWeHave() {
    BackportConfig c = ConfigLoader.load(SHIPPED, true, Map.of("GITHUB_TOKEN", "x")::get).backport();
    Map<String, String> trees = Map.of("5.0 SPECS/linux", "5.0-linux-6.1", "common SPECS/linux/v6.12", "common-linux-6.12");
    int checked = 0;
    for (KernelLineConfig k : c.kernels()) {
      String tree = trees.get(k.branch() + " " + k.specDir());
      if (tree == null) {
        continue;
      }
      Path dir = Corpus.photon(tree);
      for (String spec : k.specs().values()) {
        assertThat(dir.resolve(spec)).as(k.kernel() + " " + spec).isRegularFile();
        assertThat(dir.resolve(spec)).content().containsPattern("(?m)^Version:\\s+" + java.util.regex.Pattern.quote(k.kernel()) + "\\.");
      }
      checked++;
    }
    assertThat(checked).isEqualTo(2);
    // 6.12 on common has an rt flavour too, so the table lists it
    assertThat(Corpus.photon("common-linux-6.12").resolve("linux-rt.spec")).isRegularFile();
    assertThat(c.kernel("6.12").orElseThrow().specs()).containsEntry("rt", "linux-rt.spec");
  }

  @Test
  void problemsNameTheirKeys() throws Exception {
    Path rules = tmp.resolve("rules");
    Files.writeString(rules, "abc123|base|ok\nabc456|blue|bad\n");
    assertThatThrownBy(() -> load("""
        backport:
          upstream: /nonexistent/but/a/path
          cve_range: 300-200
          routing_rules: %s
          schedule: "every night"
          path_rules:
            - {glob: "drivers/gpu/*", targets: "base,gpu"}
          network: {timeout_seconds: 0}
          log_retention_days: 0
          watch_dir: /nonexistent/inbox
          github: {token: t, app_auth: {app_id: 1, installation_id: 2, private_key: k}}
          changelog: {author: nobody, message: "Fix {what}"}
          kernels:
            - kernel: "6.1"
              repo: vmware/photon
              branch: "5.0"
              spec_dir: ../SPECS
              specs: {base: linux.txt}
            - kernel: "6.1"
              repo: vmware/photon
              spec_dir: SPECS/linux
              specs: {base: linux.spec}
        """.formatted(rules), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("backport.cve_range")
        .hasMessageContaining("backport.routing_rules: " + rules + ":2: unknown target 'blue'")
        .hasMessageContaining("backport.schedule")
        .hasMessageContaining("backport.path_rules[0].targets: unknown target 'gpu'")
        .hasMessageContaining("backport.network.timeout_seconds")
        .hasMessageContaining("backport.log_retention_days: must be at least 1, got 0")
        .hasMessageContaining("backport.watch_dir: no directory at '/nonexistent/inbox'")
        .hasMessageContaining("backport.github: give token or app_auth, not both")
        .hasMessageContaining("backport.changelog.author")
        .hasMessageContaining("backport.changelog.message: unknown placeholder {what}")
        .hasMessageContaining("backport.kernels[0].spec_dir")
        .hasMessageContaining("backport.kernels[0].specs.base")
        .hasMessageContaining("backport.kernels[1].kernel: 6.1 is listed twice")
        .hasMessageContaining("backport.kernels[1].branch: required");
  }

  @Test
  void fillGapsIsAChoiceAndOffByDefault() throws Exception {
    String line = "  changelog: {author: \"A <a@example.org>\"}\n  kernels:\n    - {kernel: \"6.1\", repo: vmware/photon, branch: \"5.0\", spec_dir: SPECS/linux, "
        + "specs: {base: linux.spec}}\n";
    assertThat(load("backport:\n  upstream: /x\n" + line, Map.of()).backport().fillGaps()).isFalse();
    assertThat(load("backport:\n  upstream: /x\n  fill_gaps: true\n" + line, Map.of()).backport().fillGaps()).isTrue();
  }

  @Test
  void aScheduleCronCannotReadIsNamed() {
    assertThatThrownBy(() -> load("""
        backport:
          upstream: /x
          schedule: "0 25 * * *"
          changelog: {author: "A <a@example.org>"}
          kernels:
            - {kernel: "6.1", repo: vmware/photon, branch: "5.0", spec_dir: SPECS/linux, specs: {base: linux.spec}}
        """, Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("backport.schedule: ")
        .hasMessageContaining("25");
  }

  @Test
  void anUnknownKeyIsNamedWithItsLine() {
    assertThatThrownBy(() -> load("backport:\n  upstream: /x\n  kernels:\n    - kernel: \"6.1\"\n      spec_folder: x\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 5")
        .hasMessageContaining("unknown key 'backport.kernels[0].spec_folder'");
  }
}
