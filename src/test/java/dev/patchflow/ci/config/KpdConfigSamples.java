package dev.patchflow.ci.config;

/** A KPD config shaped like the ones KPD sites run, and the same settings as patchflow.yaml. */
public final class KpdConfigSamples {
  private KpdConfigSamples() {}

  /** Two branches (token and app auth), a mapping with __DEFAULT__, and mail; KEY is the key file. */
  public static String json(String keyPath) {
    return """
        {
          "version": 3,
          "patchwork": {
            "server": "patchwork.example.org",
            "project": "netdevbpf",
            "search_patterns": [
              {"archived": false, "project": 399, "delegate": 121173},
              {"archived": false, "project": 399, "delegate": 121174}
            ],
            "lookback": 7,
            "api_username": "ci-bot",
            "api_token": "${PW_TOKEN}"
          },
          "tag_to_branch_mapping": {
            "bpf": ["bpf"],
            "bpf-next": ["bpf-next"],
            "__DEFAULT__": ["bpf-next", "bpf"]
          },
          "branches": {
            "bpf-next": {
              "repo": "https://github.com/example-ci/bpf.git",
              "upstream": "https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf-next.git",
              "ci_repo": "https://github.com/example-ci/vmtest.git",
              "ci_branch": "main",
              "github_oauth_token": "ghp_verysecrettoken"
            },
            "bpf": {
              "repo": "git@github.com:example-ci/bpf.git",
              "upstream": "https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf.git",
              "upstream_branch": "for-next",
              "ci_repo": "https://github.com/example-ci/vmtest.git",
              "ci_branch": "main",
              "github_app_auth": {
                "app_id": 1234,
                "installation_id": 5678,
                "private_key_path": "KEY"
              }
            }
          },
          "base_directory": "/var/lib/kpd",
          "mirror_dir": "/var/lib/kpd/mirrors",
          "email": {
            "host": "smtp.example.org",
            "user": "ci-bot",
            "from": "ci-bot@example.org",
            "pass": "mailpassword",
            "to": ["bpf-ci@example.org"],
            "cc": ["ci-log@example.org"],
            "submitter_allowlist": [".*@example\\\\.org"],
            "ignore_allowlist": false
          }
        }
        """.replace("KEY", keyPath);
  }

  /** {@link #json} as the ci: section of patchflow.yaml. */
  public static String yaml(String keyPath) {
    return """
        ci:
          patchwork:
            server: patchwork.example.org
            project: netdevbpf
            search_patterns:
              - {archived: false, project: 399, delegate: 121173}
              - {archived: false, project: 399, delegate: 121174}
            lookback: 7
            api_username: ci-bot
            api_token: ${PW_TOKEN}
          tag_to_branch_mapping:
            bpf: [bpf]
            bpf-next: [bpf-next]
            __DEFAULT__: [bpf-next, bpf]
          branches:
            bpf-next:
              repo: https://github.com/example-ci/bpf.git
              upstream: https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf-next.git
              ci_repo: https://github.com/example-ci/vmtest.git
              ci_branch: main
              github_oauth_token: ghp_verysecrettoken
            bpf:
              repo: git@github.com:example-ci/bpf.git
              upstream: https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf.git
              upstream_branch: for-next
              ci_repo: https://github.com/example-ci/vmtest.git
              ci_branch: main
              github_app_auth:
                app_id: 1234
                installation_id: 5678
                private_key_path: KEY
          base_directory: /var/lib/kpd
          mirror_dir: /var/lib/kpd/mirrors
          email:
            host: smtp.example.org
            user: ci-bot
            from: ci-bot@example.org
            pass: mailpassword
            to: [bpf-ci@example.org]
            cc: [ci-log@example.org]
            submitter_allowlist: ['.*@example\\.org']
            ignore_allowlist: false
        """.replace("KEY", keyPath);
  }
}
