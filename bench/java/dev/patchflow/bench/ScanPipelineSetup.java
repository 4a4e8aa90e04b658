package dev.patchflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code patchflow backport --dry-run} needs besides the upstream: a packaging repository
 * with one kernel line, 6.1, whose folder is the size of Photon's ({@link PhotonLikeTree}: three
 * specs of stable release 6.1.10, about 300 patch files), on branch 5.0 of a bare repository,
 * and a config whose {@code backport:} section points at it, at the scan corpus and its CVE
 * records, all local. Made fresh in a scratch folder for each run of the benchmark; the work and
 * log folders are there too.
 */
final class ScanPipelineSetup {
  final Path dir;
  final Path config;

  private ScanPipelineSetup(Path dir, Path config) {
    this.dir = dir;
    this.config = config;
  }

  static ScanPipelineSetup make(ScanCorpus corpus) throws IOException {
    Path dir = Files.createTempDirectory("patchflow-scan-bench");
    PhotonLikeTree.write(Files.createDirectories(dir.resolve("photon/SPECS/linux")), 5);
    Map<String, String> who = Map.of("GIT_AUTHOR_NAME", "Bench", "GIT_AUTHOR_EMAIL", "bench@example.org",
        "GIT_COMMITTER_NAME", "Bench", "GIT_COMMITTER_EMAIL", "bench@example.org");
    Git photon = new Git(dir.resolve("photon"));
    photon.run(who, "init", "-q", "-b", "5.0", ".");
    photon.run(who, "add", "-A");
    photon.run(who, "commit", "-q", "-m", "SPECS: linux " + PhotonLikeTree.VERSION);
    new Git(dir).run(who, "clone", "-q", "--bare", dir.resolve("photon").toString(), dir.resolve("photon.git").toString());
    Path config = dir.resolve("patchflow.yaml");
    Files.writeString(config, """
        backport:
          upstream: %s
          upstream_rev: master
          cve_dir: %s
          log_dir: %s
          work_dir: %s
          network: {hosts: []}
          changelog: {author: "Kernel Bot <kbot@example.org>"}
          kernels:
            - kernel: "6.1"
              repo: example/photon
              git_url: %s
              branch: "5.0"
              spec_dir: SPECS/linux
              specs: {base: linux.spec, esx: linux-esx.spec, rt: linux-rt.spec}
              base_tag: v6.1
        """.formatted(corpus.repo, corpus.vulns, dir.resolve("logs"), dir.resolve("work"), dir.resolve("photon.git")));
    return new ScanPipelineSetup(dir, config);
  }
}
