package dev.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them, in process, on the embedded store. */
class CliTest {
  @TempDir Path home;

  private CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (all.size() > 1 || !all.get(0).equals("--help")) {
      all.add("--home");
      all.add(home.toString());
    }
    return CliRun.of(all.toArray(new String[0]));
  }

  @Test
  void importListAndShowTheDemo() throws Exception {
    CliRun imported = run("import", "--no-progress", "demo/demo.mbox");
    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("read 11, new 11, duplicates 0, quarantined 0; series created 3");
    assertThat(run("import", "--no-progress", "demo/demo.mbox").out()).contains("new 0, duplicates 11");

    CliRun list = run("series", "list");
    assertThat(list.out().lines()).hasSize(3);
    assertThat(list.out()).contains("widget limits").contains("superseded").contains("README: say what widgets are");

    JsonNode all = new ObjectMapper().readTree(run("series", "list", "--json", "--state", "current").out());
    assertThat(all).hasSize(2);
    long v2 = 0;
    for (JsonNode s : all) {
      if (s.get("name").asText().equals("widget limits")) {
        v2 = s.get("id").asLong();
        assertThat(s.get("version").asInt()).isEqualTo(2);
        assertThat(s.get("previous_version").isNumber()).isTrue();
      }
    }
    JsonNode show = new ObjectMapper().readTree(run("series", "show", String.valueOf(v2), "--json").out());
    assertThat(show.get("project").asText()).isEqualTo("widgets.lists.example.org");
    assertThat(show.get("complete").asBoolean()).isTrue();
    assertThat(show.get("total").asInt()).isEqualTo(3);
    assertThat(show.get("received").asInt()).isEqualTo(3);
    assertThat(show.get("submitter").get("email").asText()).isEqualTo("ada@example.org");
    assertThat(show.get("next_version").isNull()).isTrue();
    JsonNode patches = show.get("patches");
    assertThat(patches).hasSize(3);
    assertThat(patches.get(0).get("number").asInt()).isEqualTo(1);
    assertThat(patches.get(0).get("message_id").asText()).isEqualTo("v2.2@demo.patchflow");
    assertThat(patches.get(0).get("hash").asText()).hasSize(40);
    assertThat(patches.get(2).get("trailers").get(0).get("name").asText()).isEqualTo("Fixes");

    CliRun text = run("series", "show", String.valueOf(v2));
    assertThat(text.out()).contains("patches:   3 of 3 received, complete").contains("[2/3]")
        .contains("previous version: series");
  }

  @Test
  void mistakesAreReportedWithoutAStackTrace() throws Exception {
    Files.writeString(home.resolve("patchflow.yaml"), "intake:\n  batchsize: 3\n");
    CliRun bad = run("series", "list");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("patchflow.yaml: line 2: unknown key 'intake.batchsize'").doesNotContain("at dev.");
    Files.delete(home.resolve("patchflow.yaml"));
    CliRun missing = run("series", "show", "999");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no series with id 999");
    CliRun state = run("series", "list", "--state", "merged");
    assertThat(state.err()).contains("--state: unknown state 'merged'");
    CliRun nothing = run("import", "nope.mbox");
    assertThat(nothing.err()).contains("nope.mbox: no such file or directory");
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] cmd : List.of(new String[] {"--help"}, new String[] {"import", "--help"},
        new String[] {"series", "--help"}, new String[] {"series", "list", "--help"},
        new String[] {"series", "show", "--help"})) {
      CliRun r = run(cmd);
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("Usage: patchflow");
    }
  }

  @Test
  void configuredStatesReachTheStoreForTheirProjects() throws Exception {
    Files.writeString(home.resolve("patchflow.yaml"), "states:\n  - {id: 11, slug: mainlined, name: Mainlined}\n"
        + "projects:\n  - name: widgets\n    list_id: widgets.lists.example.org\n"
        + "    states:\n      - {id: 20, slug: needs-ack, name: Needs ACK}\n");
    assertThat(run("series", "list").code()).isZero();
    try (var db = dev.patchflow.store.Database.open(dev.patchflow.config.DatabaseConfig.EMBEDDED, home)) {
      var states = db.jdbi().withHandle(h -> {
        long widgets = new dev.patchflow.store.ProjectRepository().byName(h, "widgets").orElseThrow().id();
        return new dev.patchflow.store.StateRepository().forProject(h, widgets);
      });
      assertThat(states).extracting(dev.patchflow.store.StateRepository.State::slug).contains("new", "mainlined", "needs-ack");
      assertThat(states).filteredOn(st -> st.slug().equals("needs-ack")).singleElement()
          .satisfies(st -> assertThat(st.id()).isEqualTo(20));
    }
  }
}
