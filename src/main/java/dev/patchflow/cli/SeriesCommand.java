package dev.patchflow.cli;

import dev.patchflow.store.Database;
import dev.patchflow.store.SeriesDetail;
import dev.patchflow.store.SeriesFilter;
import dev.patchflow.store.SeriesQueries;
import dev.patchflow.store.SeriesSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "series", mixinStandardHelpOptions = true, description = "Show the series threaded from imported mail.",
    subcommands = {SeriesCommand.ListSeries.class, SeriesCommand.ShowSeries.class})
final class SeriesCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List series, newest first.")
  static final class ListSeries implements Callable<Integer> {
    @Mixin Environment env;
    @Spec CommandSpec spec;

    @Option(names = "--project", paramLabel = "P", description = "Only this project.")
    String project;

    @Option(names = "--state", paramLabel = "S", description = "complete, incomplete, superseded or current.")
    String state;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N series (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      SeriesFilter.State s = null;
      if (state != null) {
        try {
          s = SeriesFilter.State.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new UserError("--state: unknown state '" + state + "'; use complete, incomplete, superseded or current");
        }
      }
      SeriesFilter filter = new SeriesFilter(project, s, limit);
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = env.open()) {
        SeriesQueries q = new SeriesQueries();
        List<SeriesSummary> list = db.jdbi().withHandle(h -> q.list(h, filter));
        if (json) {
          out.println(Json.write(list.stream().map(SeriesJson::summary).toList()));
          return 0;
        }
        int width = list.stream().mapToInt(x -> x.project().length()).max().orElse(7);
        for (SeriesSummary x : list) {
          out.printf("%6d  %-" + width + "s  v%-2d %3d/%-3d %-10s  %s  %s <%s>%n", x.id(), x.project(), x.version(),
              x.received(), x.total(), status(x), x.date().toString().substring(0, 10), x.name(), x.submitterEmail());
        }
        return 0;
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one series: versions, patches, trailers.")
  static final class ShowSeries implements Callable<Integer> {
    @Mixin Environment env;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The series id (from series list).")
    long id;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = env.open()) {
        SeriesQueries q = new SeriesQueries();
        SeriesDetail d = db.jdbi().withHandle(h -> q.get(h, id))
            .orElseThrow(() -> new UserError("no series with id " + id));
        if (json) {
          out.println(Json.write(SeriesJson.detail(d)));
          return 0;
        }
        SeriesSummary s = d.summary();
        out.printf("Series %d: %s%n", s.id(), s.name());
        out.printf("  project:   %s%n", s.project());
        out.printf("  version:   v%d%s%s%n", s.version(),
            s.previousVersion() == null ? "" : " (previous version: series " + s.previousVersion() + ")",
            s.nextVersion() == null ? "" : " (superseded by series " + s.nextVersion() + ")");
        out.printf("  submitter: %s <%s>%n", s.submitterName(), s.submitterEmail());
        out.printf("  date:      %s%n", s.date());
        out.printf("  patches:   %d of %d received, %s%n", s.received(), s.total(), s.complete() ? "complete" : "INCOMPLETE");
        if (d.cover() != null) {
          out.printf("  cover:     %s <%s>%n", d.cover().subject(), d.cover().messageId());
        }
        for (SeriesDetail.TrailerEntry t : d.trailers()) {
          out.printf("  series trailer: %s: %s%n", t.name(), t.value());
        }
        for (SeriesDetail.PatchEntry p : d.patches()) {
          out.printf("%n  [%d/%d] %s%n", p.number(), s.total(), p.message().subject());
          out.printf("        message-id: <%s>  hash: %s%n", p.message().messageId(), p.hash());
          for (SeriesDetail.TrailerEntry t : p.trailers()) {
            out.printf("        %s: %s%n", t.name(), t.value());
          }
        }
        out.printf("%n  %d repl%s%n", d.replies().size(), d.replies().size() == 1 ? "y" : "ies");
        return 0;
      }
    }
  }

  static String status(SeriesSummary s) {
    if (s.superseded()) {
      return "superseded";
    }
    return s.complete() ? "complete" : "incomplete";
  }
}
