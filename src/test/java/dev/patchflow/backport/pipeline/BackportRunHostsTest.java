package dev.patchflow.backport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.backport.ScanWindow;
import dev.patchflow.backport.config.BackportConfig;
import dev.patchflow.config.ConfigLoader;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which hosts the pre-flight checks, for Photon's shipped table (no hosts listed there). */
class BackportRunHostsTest {
  static final BackportConfig PHOTON = ConfigLoader.load(Path.of("deploy/backport/photon.yaml"), true,
      Map.of("GITHUB_TOKEN", "ghp_x")::get).backport();

  private static BackportPipeline.Options options(boolean skipClone, boolean skipPush, boolean dryRun) {
    return new BackportPipeline.Options(ScanWindow.month(YearMonth.of(2025, 3)), List.of("6.1"), null, null, skipClone,
        false, skipPush, false, 0, dryRun);
  }

  @Test
  void aFullRunNeedsKernelOrgGithubAndItsApi() {
    assertThat(BackportRun.hosts(PHOTON, options(false, false, false)))
        .containsExactly("git.kernel.org:443", "github.com:443", "api.github.com:443");
  }

  @Test
  void whatARunDoesNotTouchIsNotChecked() {
    assertThat(BackportRun.hosts(PHOTON, options(false, true, false))).containsExactly("git.kernel.org:443", "github.com:443");
    assertThat(BackportRun.hosts(PHOTON, options(true, false, false))).containsExactly("github.com:443", "api.github.com:443");
    assertThat(BackportRun.hosts(PHOTON, options(true, true, false))).isEmpty();
    assertThat(BackportRun.hosts(PHOTON, options(true, false, true))).isEmpty();
  }

  @Test
  void listedHostsWin() {
    BackportConfig c = new BackportConfig(PHOTON.upstream(), null, null, null, null, null, null, null, null, null, null, null, null,
        new BackportConfig.NetworkConfig(List.of("proxy.example:3128"), null, null), PHOTON.github(), PHOTON.changelog(),
        PHOTON.kernels());
    assertThat(BackportRun.hosts(c, options(true, true, true))).containsExactly("proxy.example:3128");
  }
}
