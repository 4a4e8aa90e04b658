package dev.patchflow.backport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kernel CVE team's published records in a local checkout of their {@code vulns}
 * repository ({@code published/<year>/CVE-*.json|.sha1|.dyad|.vulnerable}). Opening it reads
 * only the small {@code .sha1} files, to know which commit fixes which CVE; a whole record
 * (pairs, JSON) is read when asked for. Any of a CVE's files may be missing; a file that is
 * there but unreadable is an {@link IOException} naming it. Rejected and reserved ids are not
 * read: a rejected CVE is no reason to backport.
 */
public final class CveRecords {
  private static final Pattern FILE = Pattern.compile("(CVE-\\d{4}-\\d{4,})\\.(json|sha1|dyad|vulnerable)");
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

  private final Map<String, Path> dirs;
  private final Map<String, List<String>> byFix;
  private final Map<String, CveRecord> read = new ConcurrentHashMap<>();

  private CveRecords(Map<String, Path> dirs, Map<String, List<String>> byFix) {
    this.dirs = dirs;
    this.byFix = byFix;
  }

  /** No records: every lookup answers "none". */
  public static CveRecords none() {
    return new CveRecords(Map.of(), Map.of());
  }

  /** Indexes a vulns checkout (or its {@code published/} folder, or one year's folder). */
  public static CveRecords open(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(root.toString(), null, "no CVE records directory");
    }
    Path published = Files.isDirectory(root.resolve("published")) ? root.resolve("published") : root;
    Map<String, Path> dirs = new TreeMap<>();
    try (Stream<Path> files = Files.walk(published, 2)) {
      files.filter(p -> !p.toString().contains("/rejected/") && !p.toString().contains("/reserved/"))
          .forEach(p -> {
            Matcher m = FILE.matcher(p.getFileName().toString());
            if (m.matches()) {
              dirs.putIfAbsent(m.group(1), p.getParent());
            }
          });
    }
    Map<String, List<String>> byFix = new ConcurrentHashMap<>();
    for (Map.Entry<String, Path> e : dirs.entrySet()) {
      for (String sha : fixes(e.getKey(), e.getValue())) {
        byFix.computeIfAbsent(sha, k -> new ArrayList<>()).add(e.getKey());
      }
    }
    return new CveRecords(dirs, byFix);
  }

  public Set<String> ids() {
    return Collections.unmodifiableSet(dirs.keySet());
  }

  /** The CVEs a commit (its full id) fixes, by the records' fixing commits. */
  public List<String> fixedBy(String sha) {
    return byFix.getOrDefault(sha, List.of());
  }

  /** Whether any record names this commit as a fix. */
  public boolean isFix(String sha) {
    return byFix.containsKey(sha);
  }

  /** The whole record of a CVE, read once. */
  public Optional<CveRecord> record(String id) throws IOException {
    Path dir = dirs.get(id);
    if (dir == null) {
      return Optional.empty();
    }
    CveRecord r = read.get(id);
    if (r == null) {
      r = read(id, dir);
      read.put(id, r);
    }
    return Optional.of(r);
  }

  /** Every record, read (for checks over a whole checkout). */
  public List<CveRecord> all() throws IOException {
    List<CveRecord> out = new ArrayList<>();
    for (String id : dirs.keySet()) {
      out.add(record(id).orElseThrow());
    }
    return out;
  }

  private static List<String> fixes(String id, Path dir) throws IOException {
    Optional<String> sha1 = text(dir.resolve(id + ".sha1"));
    if (sha1.isPresent()) {
      return shas(sha1.get());
    }
    Optional<JsonNode> json = json(dir.resolve(id + ".json"));
    List<String> out = new ArrayList<>();
    json.ifPresent(j -> j.at("/containers/cna/affected").forEach(a -> a.path("versions").forEach(v -> {
      if (v.path("versionType").asText().equals("git") && SHA.matcher(v.path("lessThan").asText()).matches()) {
        out.add(v.path("lessThan").asText());
      }
    })));
    return out.stream().distinct().toList();
  }

  private static CveRecord read(String id, Path dir) throws IOException {
    List<DyadPair> pairs = new ArrayList<>();
    Path dyad = dir.resolve(id + ".dyad");
    Optional<String> dyadText = text(dyad);
    if (dyadText.isPresent()) {
      int n = 0;
      for (String line : dyadText.get().split("\n")) {
        n++;
        try {
          DyadPair.parse(line).ifPresent(pairs::add);
        } catch (IllegalArgumentException e) {
          throw new IOException(dyad + " line " + n + ": " + e.getMessage(), e);
        }
      }
    }
    List<String> introduced = text(dir.resolve(id + ".vulnerable")).map(CveRecords::shas).orElse(List.of());
    Optional<JsonNode> json = json(dir.resolve(id + ".json"));
    String title = json.map(j -> j.at("/containers/cna/title").asText("")).orElse("");
    Optional<CveRecord.Cvss> cvss = json.flatMap(CveRecords::cvss);
    Set<String> files = new LinkedHashSet<>();
    json.ifPresent(j -> j.at("/containers/cna/affected").forEach(a -> a.path("programFiles").forEach(f -> files.add(f.asText()))));
    return new CveRecord(id, fixes(id, dir), introduced, pairs, title, cvss, new ArrayList<>(files));
  }

  private static Optional<CveRecord.Cvss> cvss(JsonNode json) {
    for (JsonNode m : json.at("/containers/cna/metrics")) {
      for (String kind : List.of("cvssV4_0", "cvssV3_1", "cvssV3_0")) {
        JsonNode c = m.path(kind);
        if (c.has("baseScore")) {
          return Optional.of(new CveRecord.Cvss(c.path("baseScore").asDouble(), c.path("baseSeverity").asText(""),
              c.path("vectorString").asText("")));
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> shas(String text) {
    List<String> out = new ArrayList<>();
    for (String tok : text.split("\\s+")) {
      if (SHA.matcher(tok).matches()) {
        out.add(tok);
      }
    }
    return out;
  }

  private static Optional<String> text(Path file) throws IOException {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Made on the first JSON record read: most runs (and the .sha1 index) read none. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private static Optional<JsonNode> json(Path file) throws IOException {
    Optional<String> t = text(file);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readTree(t.get()));
    } catch (IOException e) {
      throw new IOException(file + ": not a JSON record: " + e.getMessage(), e);
    }
  }
}
