package dev.patchflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code patchflow backport --dry-run} needs besides the upstream: a tiny packaging
 * repository (one kernel line, 6.1, one {@code linux.spec} of stable release 6.1.10 with a CVE
 * block and no patches yet, on branch 5.0 of a bare repository) and a config whose
 * {@code backport:} section points at it, at the scan corpus and its CVE records, all local. Made
 * fresh in a scratch folder for each run of the benchmark; the work and log folders are there too.
 */
final class ScanPipelineSetup {
  private static final String SPEC = """
      Name:           linux
      Version:        6.1.10
      Release:        1%{?dist}
      Summary:        A stand-in for a kernel package
      License:        GPL-2.0-only

      # CVE: [100..249]

      %description
      A stand-in.

      %prep
      %autopatch -p1 -m100 -M249

      %changelog
      * Mon Jan 06 2025 A Dev <dev@example.org> 6.1.10-1
      - First.
      """;

  final Path dir;
  final Path config;

  private ScanPipelineSetup(Path dir, Path config) {
    this.dir = dir;
    this.config = config;
  }

  static ScanPipelineSetup make(ScanCorpus corpus) throws IOException {
    Path dir = Files.createTempDirectory("patchflow-scan-bench");
    Path tree = Files.createDirectories(dir.resolve("photon/SPECS/linux"));
    Files.writeString(tree.resolve("linux.spec"), SPEC);
    Map<String, String> who = Map.of("GIT_AUTHOR_NAME", "Bench", "GIT_AUTHOR_EMAIL", "bench@example.org",
        "GIT_COMMITTER_NAME", "Bench", "GIT_COMMITTER_EMAIL", "bench@example.org");
    Git photon = new Git(dir.resolve("photon"));
    photon.run(who, "init", "-q", "-b", "5.0", ".");
    photon.run(who, "add", "-A");
    photon.run(who, "commit", "-q", "-m", "SPECS: linux 6.1.10");
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
              specs: {base: linux.spec}
              base_tag: v6.1
        """.formatted(corpus.repo, corpus.vulns, dir.resolve("logs"), dir.resolve("work"), dir.resolve("photon.git")));
    return new ScanPipelineSetup(dir, config);
  }
}
