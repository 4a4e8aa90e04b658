package dev.patchflow.backport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A spec as rpm sees it on x86_64, for {@link PatchStack}: conditionals resolved, macros
 * expanded, {@code %include}d patch lists inlined.
 *
 * <p>Preferred: {@code rpmspec -P}, which is rpm itself. Its {@code %prep} output no longer says
 * which line applied what ({@code %autopatch} turns into shell, and the {@code -p} of a missing
 * file is lost), so the spec is first copied with each {@code %autopatch}/{@code %autosetup}/
 * {@code %patch} line of {@code %prep} turned into a marker rpm passes through untouched, then
 * the markers are turned back. Without rpmspec, or when it fails (an {@code %include}d file is
 * missing, as in old trees), the spec is read directly: includes found beside the spec inlined,
 * conditionals resolved by {@link SpecConditions} with the same macros.
 */
public final class SpecResolver {
  private static final String MARKER = "PATCHFLOW_PREP_LINE ";
  public static final String ARCH = "x86_64";

  public enum Method { RPMSPEC, DIRECT }

  /**
   * The resolved spec, how it was resolved, and what the reader could not do; {@code original}
   * is the file as written (rpmspec drops the preamble's comments, and with them the numbered
   * block headers).
   */
  public record Resolved(SpecFile spec, SpecFile original, Method method, List<String> notes) {}

  private SpecResolver() {}

  /** The macros assumed unless given: Photon 5's dist tag. */
  public static Map<String, String> defaultMacros() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("dist", ".ph5");
    return m;
  }

  public static Resolved resolve(Path specFile, Map<String, String> macros, boolean useRpmspec) throws IOException {
    String text = Files.readString(specFile, StandardCharsets.UTF_8);
    List<String> notes = new ArrayList<>();
    Optional<Path> rpmspec = useRpmspec ? onPath("rpmspec") : Optional.empty();
    if (rpmspec.isPresent()) {
      try {
        String out = rpmspecParse(rpmspec.get(), specFile, marked(text), macros);
        return new Resolved(unmarked(specFile.getFileName().toString(), out),
            SpecFile.parse(specFile.getFileName().toString(), text), Method.RPMSPEC, notes);
      } catch (IOException e) {
        notes.add("rpmspec -P failed, reading the spec directly: " + e.getMessage());
      }
    } else if (useRpmspec) {
      notes.add("rpmspec is not installed; reading the spec directly");
    }
    return direct(specFile, text, macros, notes);
  }

  private static Resolved direct(Path specFile, String text, Map<String, String> macros, List<String> notes) throws IOException {
    SpecFile spec = SpecFile.parse(specFile.getFileName().toString(), text);
    Path dir = specFile.toAbsolutePath().getParent();
    List<SpecFile.Include> includes = new ArrayList<>(spec.includes());
    includes.sort(Comparator.comparingInt(SpecFile.Include::line).reversed());
    List<String> lines = new ArrayList<>(spec.lines());
    for (SpecFile.Include inc : includes) {
      Path f = dir.resolve(inc.file());
      if (Files.isRegularFile(f)) {
        lines.remove(inc.line());
        lines.addAll(inc.line(), Files.readString(f, StandardCharsets.UTF_8).lines().toList());
      } else {
        notes.add("%include " + inc.file() + ": not found beside the spec; its Patch lines are unknown");
      }
    }
    SpecConditions.Result r = SpecConditions.resolve(SpecFile.parse(spec.name(), String.join("\n", lines) + "\n"), ARCH, macros);
    notes.addAll(r.notes());
    return new Resolved(r.spec(), spec, Method.DIRECT, notes);
  }

  /** The spec with its %prep patch lines hidden from rpm behind a marker. */
  static String marked(String text) {
    List<String> out = new ArrayList<>();
    boolean prep = false;
    for (String l : text.split("\n", -1)) {
      String t = l.strip();
      if (isSection(t)) {
        prep = t.equals("%prep") || t.startsWith("%prep ");
      }
      if (prep && (t.startsWith("%autopatch") || t.startsWith("%autosetup") || t.matches("^%patch(\\d+|\\s).*|^%patch$"))) {
        out.add(MARKER + t.substring(1));
      } else {
        out.add(l);
      }
    }
    return String.join("\n", out);
  }

  private static boolean isSection(String t) {
    return t.matches("^%(prep|build|install|check|clean|files|changelog|package|description|pre|post|preun|postun"
        + "|posttrans|pretrans|generate_buildrequires|conf)\\b.*");
  }

  static SpecFile unmarked(String name, String parsed) {
    StringBuilder sb = new StringBuilder();
    for (String l : parsed.split("\n", -1)) {
      sb.append(l.startsWith(MARKER) ? "%" + l.substring(MARKER.length()) : l).append('\n');
    }
    return SpecFile.parse(name, sb.substring(0, sb.length() - 1));
  }

  private static String rpmspecParse(Path rpmspec, Path specFile, String text, Map<String, String> macros) throws IOException {
    Path dir = specFile.toAbsolutePath().getParent();
    Path tmp = Files.createTempDirectory("patchflow-rpmspec");
    try {
      Path copy = tmp.resolve(specFile.getFileName().toString());
      Files.writeString(copy, text, StandardCharsets.UTF_8);
      List<String> cmd = new ArrayList<>(List.of(rpmspec.toString(), "-P", "--target", ARCH,
          "--define", "_sourcedir " + dir, "--define", "_specdir " + dir));
      macros.forEach((k, v) -> {
        cmd.add("--define");
        cmd.add(k + " " + v);
      });
      cmd.add(copy.toString());
      Path err = tmp.resolve("stderr");
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("rpmspec -P took over 2 minutes");
      }
      if (p.exitValue() != 0) {
        String why = Files.readString(err).lines().filter(x -> x.startsWith("error:")).findFirst()
            .orElse("exit " + p.exitValue());
        throw new IOException(why);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      try (Stream<Path> walk = Files.walk(tmp)) {
        walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  static Optional<Path> onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(d, program);
      if (!d.isEmpty() && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
