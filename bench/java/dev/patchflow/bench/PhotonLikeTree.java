package dev.patchflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * A kernel packaging folder the size of Photon 5.0's {@code SPECS/linux} (the 6.1 line), so the
 * dry run plans into specs as big as the ones it meets: {@code linux.spec} of about 2,000 lines
 * (60 common patches, 55 in the {@code # CVE: [100..249]} block, 21 crypto ones, 470 changelog
 * entries), {@code linux-esx.spec} a little smaller, {@code linux-rt.spec} with 150 real-time
 * patches besides; about 290 patch files, 3 MB, in the folder, {@code CVE/} and {@code rt/}, each
 * with a {@code commit <sha> upstream.} line and a diff of several hunks. Made up, seeded: none
 * of it is Photon's text. Stable release 6.1.10.
 */
final class PhotonLikeTree {
  static final String VERSION = "6.1.10";
  private static final int COMMON = 60;
  private static final int CVE_FIRST = 100;
  private static final int CVE = 55;
  private static final int CRYPTO = 21;
  private static final int RT = 150;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE MMM dd yyyy", Locale.ENGLISH);

  private final Path dir;
  private final Random rnd;

  private PhotonLikeTree(Path dir, long seed) {
    this.dir = dir;
    this.rnd = new Random(seed);
  }

  /** Writes the three specs and their patch files into {@code dir}. */
  static void write(Path dir, long seed) throws IOException {
    new PhotonLikeTree(dir, seed).write();
  }

  private void write() throws IOException {
    Files.createDirectories(dir.resolve("CVE"));
    Files.createDirectories(dir.resolve("rt"));
    for (int i = 0; i < COMMON; i++) {
      patchFile(dir.resolve(common(i)), "common", i);
    }
    for (int i = 0; i < CVE; i++) {
      patchFile(dir.resolve("CVE").resolve(cve(i)), "cve", i);
    }
    for (int i = 0; i < CRYPTO; i++) {
      patchFile(dir.resolve(crypto(i)), "crypto", i);
    }
    for (int i = 0; i < RT; i++) {
      patchFile(dir.resolve("rt").resolve(rt(i)), "rt", i);
    }
    Files.writeString(dir.resolve("linux.spec"), spec("linux", COMMON, 470, 200, false));
    Files.writeString(dir.resolve("linux-esx.spec"), spec("linux-esx", COMMON - 15, 380, 150, false));
    Files.writeString(dir.resolve("linux-rt.spec"), spec("linux-rt", COMMON - 25, 200, 120, true));
  }

  private static String common(int i) {
    return String.format("%04d-common-change-%d.patch", i + 1, i);
  }

  private static String cve(int i) {
    return String.format("0001-fix-cve-2024-%05d.patch", 40000 + i * 17);
  }

  private static String crypto(int i) {
    return String.format("crypto-self-test-%02d.patch", i);
  }

  private static String rt(int i) {
    return String.format("%04d-rt-preempt-change-%d.patch", i + 1, i);
  }

  private String spec(String name, int common, int entries, int filler, boolean realTime) {
    StringBuilder s = new StringBuilder();
    s.append("%global security_hardening none\n%global _default_patch_fuzz 2\n%define uname_r %{version}-%{release}\n");
    for (int i = 0; i < 12; i++) {
      s.append("# a note on the build, line ").append(i).append('\n');
    }
    s.append("\nSummary:        Kernel\nName:           ").append(name).append('\n')
        .append("Version:        ").append(VERSION).append('\n')
        .append("Release:        4%{?kat_build:.kat}%{?dist}\n")
        .append("License:        GPLv2\nURL:            http://www.kernel.org/\nGroup:          System Environment/Kernel\n")
        .append("Vendor:         Example\nDistribution:   Example\n\n");
    s.append("Source0:        http://www.kernel.org/pub/linux/kernel/v6.x/linux-%{version}.tar.xz\n");
    for (int i = 1; i < 50; i++) {
      s.append("Source").append(i).append(":").append(i < 10 ? "        " : "       ").append("source-file-").append(i)
          .append(i % 7 == 0 ? ".inc" : ".c").append('\n');
    }
    s.append("\n# common [0..99]\n");
    for (int i = 0; i < common; i++) {
      s.append("Patch").append(i).append(i < 10 ? ":         " : ":        ").append(common(i)).append('\n');
    }
    s.append("\n# CVE: [").append(CVE_FIRST).append("..249]\n");
    for (int i = 0; i < CVE; i++) {
      s.append("# Fix CVE-2024-").append(40000 + i * 17).append('\n');
      s.append("Patch").append(CVE_FIRST + i).append(":       ").append(cve(i)).append('\n');
    }
    s.append("\n# Crypto: [500..599]\n");
    for (int i = 0; i < CRYPTO; i++) {
      s.append("Patch").append(500 + i).append(":       ").append(crypto(i)).append('\n');
    }
    if (realTime) {
      s.append("\n# Real-Time kernel (PREEMPT_RT): [1000..1399]\n");
      for (int i = 0; i < RT; i++) {
        s.append("Patch").append(1000 + i).append(":      ").append(rt(i)).append('\n');
      }
    }
    s.append("\nBuildRequires:  bc\nBuildRequires:  kmod-devel\nRequires:       filesystem\n\n%description\nThe kernel.\n\n");
    s.append("%prep\n%setup -q -n linux-%{version}\n");
    s.append("%autopatch -p1 -m0 -M").append(common - 1).append('\n');
    s.append("%autopatch -p1 -m").append(CVE_FIRST).append(" -M").append(CVE_FIRST + CVE - 1).append('\n');
    s.append("%autopatch -p1 -m500 -M").append(500 + CRYPTO - 1).append('\n');
    if (realTime) {
      s.append("%autopatch -p1 -m1000 -M").append(1000 + RT - 1).append('\n');
    }
    for (String section : new String[] {"%build", "%install", "%files"}) {
      s.append('\n').append(section).append('\n');
      for (int i = 0; i < filler; i++) {
        s.append(section.equals("%files") ? "/lib/modules/%{uname_r}/kernel/file" + i + ".ko.xz\n"
            : "make %{?_smp_mflags} ARCH=x86_64 step" + i + " || exit 1\n");
      }
    }
    s.append("\n%changelog\n");
    LocalDate day = LocalDate.of(2025, 2, 20);
    int release = entries;
    for (int i = 0; i < entries; i++) {
      s.append("* ").append(DAY.format(day)).append(" A Maintainer <maint").append(i % 9).append("@example.org> ")
          .append(i < 30 ? VERSION : "6.1." + Math.max(1, 9 - i / 60)).append('-').append(Math.max(1, release--)).append('\n');
      int lines = 1 + rnd.nextInt(2);
      for (int l = 0; l < lines; l++) {
        s.append("- ").append(l == 0 ? "Fix CVE-2024-" + (30000 + i) : "Update config for item " + l).append('\n');
      }
      day = day.minusDays(1 + rnd.nextInt(4));
    }
    return s.toString();
  }

  /** A patch as git format-patch writes a stable backport: a marker line and a diff of several hunks (about 14 kB). */
  private void patchFile(Path file, String kind, int n) throws IOException {
    StringBuilder s = new StringBuilder();
    s.append("From ").append(hex(40)).append(" Mon Sep 17 00:00:00 2001\nFrom: A Developer <dev@example.org>\n")
        .append("Subject: [PATCH] ").append(kind).append(": change number ").append(n).append("\n\ncommit ")
        .append(hex(40)).append(" upstream.\n\nWhat the change does, in a few words.\n\n---\n");
    int files = 1 + rnd.nextInt(3);
    for (int f = 0; f < files; f++) {
      String path = "drivers/" + kind + "/file" + n + "_" + f + ".c";
      s.append("diff --git a/").append(path).append(" b/").append(path).append('\n')
          .append("index ").append(hex(12)).append("..").append(hex(12)).append(" 100644\n")
          .append("--- a/").append(path).append("\n+++ b/").append(path).append('\n');
      int hunks = 3 + rnd.nextInt(6);
      int line = 10;
      for (int h = 0; h < hunks; h++) {
        line += 40 + rnd.nextInt(200);
        s.append("@@ -").append(line).append(",24 +").append(line).append(",25 @@ static int handler_")
            .append(h).append("(void)\n");
        for (int c = 0; c < 24; c++) {
          if (c == 12) {
            s.append("+\tcheck_state_").append(kind).append('_').append(n).append('_').append(h).append("();\n");
          }
          s.append("  \tvalue_").append(c).append(" = compute(value_").append(c).append(", ").append(rnd.nextInt(1000))
              .append(");\n");
        }
      }
    }
    s.append("-- \n2.43.0\n");
    Files.writeString(file, s.toString());
  }

  private String hex(int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(Character.forDigit(rnd.nextInt(16), 16));
    }
    return s.toString();
  }
}
