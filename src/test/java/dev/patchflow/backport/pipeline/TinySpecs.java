package dev.patchflow.backport.pipeline;

/**
 * Tiny kernel-like spec files of our own that the real rpmbuild builds in a second: a CVE block,
 * %autopatch, Release and %changelog as Photon writes them, and a %prep that makes the files
 * the test kernel repository's fixes touch (net/b6.c, mm/a7.c).
 */
public final class TinySpecs {
  private TinySpecs() {}

  /** @param build the %build script ("true", or something that fails) */
  public static String spec(String name, String build) {
    return """
        Name:           %s
        Version:        6.1.10
        Release:        1%%{?dist}
        Summary:        A tiny stand-in for a kernel package
        License:        GPL-2.0-only
        BuildArch:      noarch

        # CVE: [100..199]

        %%description
        Tiny.

        %%prep
        %%setup -q -c -T
        mkdir -p net mm
        printf '/* net/b6.c */\\nint x;\\n' > net/b6.c
        printf '/* mm/a7.c */\\nint x;\\n' > mm/a7.c
        %%autopatch -p1 -m100 -M100

        %%build
        %s

        %%install
        mkdir -p %%{buildroot}/usr/share/tiny
        cp net/b6.c mm/a7.c %%{buildroot}/usr/share/tiny/

        %%files
        /usr/share/tiny

        %%changelog
        * Mon Jan 06 2025 A Dev <dev@example.org> 6.1.10-1
        - First.
        """.formatted(name, build);
  }
}
