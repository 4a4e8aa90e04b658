package dev.patchflow.cli;

import dev.patchflow.config.Config;
import dev.patchflow.config.ConfigLoader;
import dev.patchflow.config.ProjectConfig;
import dev.patchflow.store.Database;
import dev.patchflow.store.ProjectRepository;
import dev.patchflow.store.StateRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every command takes: where Patchflow keeps its data and which config file to read.
 * A picocli mixin.
 */
public final class Environment {
  @Option(names = "--home", paramLabel = "DIR",
      description = "Where the embedded database, logs and work trees live (default: $PATCHFLOW_HOME or ~/.patchflow).")
  Path home;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The YAML config file (default: HOME/patchflow.yaml when it exists).")
  Path config;

  private Config loaded;

  Path home() {
    if (home != null) {
      return home;
    }
    String env = System.getenv("PATCHFLOW_HOME");
    if (env != null && !env.isEmpty()) {
      return Path.of(env);
    }
    // $HOME, as the shell sees it (Java's user.home comes from the password database instead)
    String userHome = System.getenv("HOME");
    return Path.of(userHome != null && !userHome.isEmpty() ? userHome : System.getProperty("user.home"), ".patchflow");
  }

  Config config() {
    if (loaded == null) {
      Path file = config != null ? config : home().resolve("patchflow.yaml");
      loaded = ConfigLoader.load(file, config != null, System::getenv);
    }
    return loaded;
  }

  /** The extra patch states of the config, instance-wide and per project, as the store's. */
  private static void ensureStates(org.jdbi.v3.core.Handle h, Config c) {
    StateRepository states = new StateRepository();
    c.states().forEach(st -> states.ensure(h, null, st.id(), st.slug(), st.name()));
    ProjectRepository projects = new ProjectRepository();
    for (ProjectConfig p : c.projects()) {
      if (!p.states().isEmpty()) {
        long id = projects.byName(h, p.name()).orElseGet(() -> projects.ensure(h, p.name(), p.listId(),
            p.listEmails().isEmpty() ? null : p.listEmails().get(0))).id();
        p.states().forEach(st -> states.ensure(h, id, st.id(), st.slug(), st.name()));
      }
    }
  }

  /** Validates the config, sets up logging under the home directory and opens the store. */
  Database open() throws java.io.IOException {
    Config c = config();
    Files.createDirectories(home());
    LogSetup.init(home().resolve("logs"));
    Database db = Database.open(c.database(), home());
    db.jdbi().useTransaction(h -> ensureStates(h, c));
    return db;
  }
}
