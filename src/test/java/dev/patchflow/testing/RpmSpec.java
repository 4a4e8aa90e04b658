package dev.patchflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code rpmspec -P}: every spec file backport writes must still parse. Run inside the
 * spec's folder with it as _sourcedir (Photon's specs %include files from there) and dist .ph5.
 */
public final class RpmSpec {
  private RpmSpec() {}

  /** The parsed spec; a parse failure fails the test with rpmspec's message. */
  public static String parse(Path spec) {
    Path rpmspec = Tools.require("rpmspec");
    Path dir = spec.toAbsolutePath().getParent();
    try {
      Process p = new ProcessBuilder(rpmspec.toString(), "-P", "--define", "_sourcedir " + dir,
          "--define", "dist .ph5", spec.getFileName().toString())
          .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
      byte[] err = new byte[0];
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      err = p.getErrorStream().readAllBytes();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("rpmspec -P %s: %s", spec, new String(err, StandardCharsets.UTF_8)).isZero();
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The %prep section of parsed output: what is applied, in order. */
  public static String prep(String parsed) {
    int start = parsed.indexOf("\n%prep\n");
    int end = parsed.indexOf("\n%build", start + 1);
    assertThat(start).as("no %%prep in rpmspec output").isGreaterThanOrEqualTo(0);
    return parsed.substring(start, end < 0 ? parsed.length() : end);
  }
}
