package dev.patchflow.backport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkHostsTest {
  @Test
  void urlsGiveTheirHostAndTheSchemesPort() {
    assertThat(NetworkHosts.of("https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux.git"))
        .contains("git.kernel.org:443");
    assertThat(NetworkHosts.of("http://mirror.example:8080/linux.git")).contains("mirror.example:8080");
    assertThat(NetworkHosts.of("http://mirror.example/linux.git")).contains("mirror.example:80");
    assertThat(NetworkHosts.of("ssh://git@github.com/vmware/photon.git")).contains("github.com:22");
    assertThat(NetworkHosts.of("git://git.kernel.org/linux.git")).contains("git.kernel.org:9418");
    assertThat(NetworkHosts.of("git@github.com:vmware/photon.git")).contains("github.com:22");
  }

  @Test
  void localPathsNeedNoNetwork() {
    assertThat(NetworkHosts.of("/srv/mirrors/linux.git")).isEmpty();
    assertThat(NetworkHosts.of("./linux")).isEmpty();
    assertThat(NetworkHosts.of("file:///srv/mirrors/linux.git")).isEmpty();
    assertThat(NetworkHosts.of((String) null)).isEqualTo(Optional.empty());
  }

  @Test
  void eachHostOnceInFirstSeenOrder() {
    assertThat(NetworkHosts.of(List.of("https://github.com/a/b.git", "/local", "https://cdn.kernel.org/x",
        "https://github.com/c/d.git"))).containsExactly("github.com:443", "cdn.kernel.org:443");
  }

  @Test
  void aBrokenUrlIsNamed() {
    assertThatThrownBy(() -> NetworkHosts.of("https://bad host/x")).hasMessageContaining("'https://bad host/x'");
  }
}
