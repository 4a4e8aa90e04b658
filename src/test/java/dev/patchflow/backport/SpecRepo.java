package dev.patchflow.backport;

import dev.patchflow.testing.Sh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny kernel-like repository tagged v1.0.1 and a spec folder for it with three patches, as
 * Photon lays them out: Patch100 a git format-patch mail in CVE/ (by another author), Patch101 a
 * bare diff with a description in esx/, Patch102 a diff whose context is not in the tree (it
 * cannot apply), and Patch103 declared but never applied.
 */
public final class SpecRepo {
  public static final String MAIL = "0001-fork-guard-clone-flags.patch";
  public static final String PLAIN = "net-tweak.patch";
  public static final String BROKEN = "broken.patch";

  public final Path linux;
  public final Path specDir;
  public final Path spec;

  public SpecRepo(Path tmp) throws IOException {
    linux = Files.createDirectories(tmp.resolve("linux"));
    specDir = Files.createDirectories(tmp.resolve("SPECS/linux"));
    spec = specDir.resolve("linux.spec");
    Sh.git(linux, "init", "-q", "-b", "master");
    write("kernel/fork.c", "int fork(void)\n{\n\treturn 0;\n}\n");
    write("net/core.c", "int rx;\nint tx;\n");
    write("mm/page.c", "int pages;\n");
    Sh.git(linux, "add", "-A");
    Sh.git(linux, "commit", "-q", "-m", "Linux 1.0.1");
    Sh.git(linux, "tag", "v1.0.1");

    // The mail: made on a side branch by another author, then the branch is dropped.
    Sh.git(linux, "checkout", "-q", "-b", "side");
    write("kernel/fork.c", "int fork(void)\n{\n\tif (guard())\n\t\treturn -1;\n\treturn 0;\n}\n");
    Sh.git(linux, "commit", "-q", "-a", "--author", "Grace Hopper <grace@example.org>", "-m",
        "fork: guard clone flags\n\ncommit 1234567890abcdef1234567890abcdef12345678 upstream.\n\n"
        + "Signed-off-by: Grace Hopper <grace@example.org>");
    String mail = Sh.git(linux, "format-patch", "-1", "--stdout");
    Sh.git(linux, "checkout", "-q", "master");
    Sh.git(linux, "branch", "-q", "-D", "side");

    write(specDir.resolve("CVE").resolve(MAIL), mail);
    write(specDir.resolve("esx").resolve(PLAIN), """
        Raise tx for the esx flavour.

        diff -Naur a/net/core.c b/net/core.c
        --- a/net/core.c
        +++ b/net/core.c
        @@ -1,2 +1,2 @@
         int rx;
        -int tx;
        +int tx = 4;
        """);
    write(specDir.resolve("CVE").resolve(BROKEN), """
        --- a/mm/page.c
        +++ b/mm/page.c
        @@ -1,2 +1,2 @@
         int pages;
        -int no_such_line;
        +int folios;
        """);
    write(spec, """
        Name:    linux
        Version: 1.0.1
        Release: 1%{?dist}
        Summary: A kernel
        License: GPLv2
        Source0: linux-%{version}.tar.xz

        # CVE: [100..199]
        Patch100: 0001-fork-guard-clone-flags.patch
        Patch101: net-tweak.patch
        Patch102: broken.patch
        Patch103: declared-only.patch

        %description
        A kernel.

        %prep
        %setup -q -n linux-%{version}
        %autopatch -p1 -m100 -M102

        %build
        make
        """);
  }

  public PatchStack stack() throws IOException {
    return PatchStack.of(SpecResolver.resolve(spec, SpecResolver.defaultMacros(), true));
  }

  public String git(String... args) {
    return Sh.git(linux, args);
  }

  public List<String> log(String range, String format) {
    return git("log", "--reverse", "--format=" + format, range).lines().toList();
  }

  private void write(String file, String text) throws IOException {
    write(linux.resolve(file), text);
  }

  private static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
