package dev.patchflow.cli;

import dev.patchflow.backport.Changelog;
import dev.patchflow.backport.Integration;
import dev.patchflow.backport.IntegrationFiles;
import dev.patchflow.backport.PatchFileName;
import dev.patchflow.backport.PatchText;
import dev.patchflow.backport.Range;
import dev.patchflow.mail.SubjectParser;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "integrate", mixinStandardHelpOptions = true,
    description = {"Take patch files into spec files the way Photon's kernel maintainers do: the same Patch number",
        "in every spec, the Patch line in the CVE block, %%autopatch raised to apply it, Release + 1 and a",
        "%%changelog entry; the patches go into CVE/ beside the specs. Prints the Patch number per spec."})
final class BackportIntegrateCommand implements Callable<Integer> {
  // Taken like every command's; the routing/backport config section will be read through it.
  @Mixin Environment env;
  @Spec CommandSpec spec;

  @Option(names = "--spec", required = true, paramLabel = "FILE", description = "A spec file to change (repeat for each).")
  List<Path> specs;

  @Option(names = "--patch", required = true, paramLabel = "FILE",
      description = "A git format-patch file (repeat; applied in the order given).")
  List<Path> patches;

  @Option(names = "--range", paramLabel = "A-B", defaultValue = "100-249",
      description = "The CVE block's numbers where a spec has no '# CVE: [A..B]' header (default ${DEFAULT-VALUE}).")
  String range;

  @Option(names = "--block", paramLabel = "NAME", defaultValue = "CVE", description = "The block header name (default ${DEFAULT-VALUE}).")
  String block;

  @Option(names = "--cve", paramLabel = "ID", description = "The CVE the patches fix: the '# Fix' comment and changelog line.")
  String cve;

  @Option(names = "--sha", paramLabel = "SHA", description = "The upstream commit, when a single patch does not say it.")
  String sha;

  @Option(names = "--author", required = true, paramLabel = "'Name <email>'", description = "The changelog entry's author.")
  String author;

  @Option(names = "--message", paramLabel = "TEXT",
      description = "A changelog line (repeat for more); default 'Fix <CVE>', or the first patch's subject.")
  List<String> message;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The changelog date (default today).")
  String date;

  @Option(names = "--fill-gaps", description = "Use the lowest number free in all specs, not the one after the highest.")
  boolean fillGaps;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (cve != null && !cve.matches("CVE-\\d{4}-\\d{4,}")) {
      throw new UserError("--cve: want CVE-YYYY-NNNN, got " + cve);
    }
    if (sha != null && (patches.size() != 1 || !sha.matches("[0-9a-f]{12,40}"))) {
      throw new UserError("--sha: give one hex commit id, with a single --patch");
    }
    Map<String, String> texts = new LinkedHashMap<>();
    String firstSubject = null;
    for (int i = 0; i < patches.size(); i++) {
      PatchText p;
      try {
        p = PatchText.parse(Files.readString(patches.get(i), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new UserError(patches.get(i) + ": " + e.getMessage());
      }
      String commit = sha != null ? sha : p.upstreamSha().orElseThrow(() -> new UserError(
          "cannot tell the upstream commit of the patch (no 'From <sha>' line); give --sha"));
      var subject = SubjectParser.parse(p.subject());
      String name = PatchFileName.of(subject.number() != null && subject.number() > 0 ? subject.number() : i + 1,
          subject.name());
      if (texts.put(name, p.withUpstreamLine(commit)) != null) {
        throw new UserError("two patches would both be named " + name);
      }
      firstSubject = firstSubject == null ? subject.name() : firstSubject;
    }
    List<String> lines = message != null ? message : List.of(cve != null ? "Fix " + cve : firstSubject);
    Changelog.Entry entry;
    Range fallback;
    try {
      entry = new Changelog.Entry(date == null ? LocalDate.now() : LocalDate.parse(date), author, lines);
      fallback = Range.parse(range);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new UserError(e.getMessage());
    }
    List<Integration.Target> targets = new ArrayList<>();
    for (Path s : specs) {
      targets.add(IntegrationFiles.read(s));
    }
    Integration.Outcome outcome = Integration.integrate(new Integration.Request(targets, new ArrayList<>(texts.keySet()),
        cve != null ? "Fix " + cve : null, block, fallback, fillGaps, entry));
    if (outcome instanceof Integration.Refused refused) {
      throw new UserError(refused.reason());
    }
    Integration.Integrated done = (Integration.Integrated) outcome;
    List<Path> written = IntegrationFiles.write(specs, done, texts);
    for (int i = 0; i < specs.size(); i++) {
      Integration.SpecResult r = done.specs().get(i);
      List<String> numbers = r.numbers().stream().map(n -> "Patch" + n).toList();
      out.println(specs.get(i) + ": " + String.join(" ", numbers) + " (release " + r.versionRelease() + "; "
          + String.join("; ", r.applied().stream().distinct().toList()) + ")");
    }
    for (Path f : written) {
      out.println("patch file: " + f);
    }
    return 0;
  }
}
