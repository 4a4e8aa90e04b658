package dev.patchflow.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepoRefTest {
  @ParameterizedTest
  @ValueSource(strings = {"kernel-patches/bpf", "https://github.com/kernel-patches/bpf",
      "https://github.com/kernel-patches/bpf.git", "git@github.com:kernel-patches/bpf.git",
      "ssh://git@github.com/kernel-patches/bpf.git", " https://github.com/kernel-patches/bpf/ "})
  void everyUsualSpellingNamesTheSameRepository(String text) {
    assertThat(RepoRef.parse(text)).isEqualTo(new RepoRef("kernel-patches", "bpf"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "bpf", "https://github.com/kernel-patches", "a/b/c", "o/r name"})
  void anythingElseIsRefused(String text) {
    assertThatThrownBy(() -> RepoRef.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"series/12=>bpf-next", "a b", "ü"})
  void branchNamesKeepTheirSlashesAndEncodeTheRest(String branch) {
    String path = Route.of("/x/{+b}", branch).path();
    assertThat(path).doesNotContain(" ", ">", "=").startsWith("/x/");
    assertThat(path.chars().filter(c -> c == '/').count()).isEqualTo(2 + branch.chars().filter(c -> c == '/').count());
  }
}
