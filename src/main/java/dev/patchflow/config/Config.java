package dev.patchflow.config;

import dev.patchflow.backport.config.BackportConfig;
import dev.patchflow.ci.config.CiConfig;
import java.util.List;

/**
 * The whole configuration file, typed. Every section is optional.
 *
 * @param notifications mail on events (none: no mail is sent)
 * @param ci the CI bridge (none: {@code patchflow ci} needs a KPD config file instead)
 * @param backport the kernel backport processor (none: {@code patchflow backport} without a config cannot run)
 */
public record Config(DatabaseConfig database, IntakeConfig intake, List<ProjectConfig> projects, ServerConfig server,
    List<StateConfig> states, ApplierConfig applier, NotificationsConfig notifications, CiConfig ci, BackportConfig backport) {
  public static final Config DEFAULT = new Config(null, null, null, null, null, null, null, null, null);

  public Config(DatabaseConfig database, IntakeConfig intake, List<ProjectConfig> projects, ServerConfig server,
      List<StateConfig> states, ApplierConfig applier, NotificationsConfig notifications, CiConfig ci) {
    this(database, intake, projects, server, states, applier, notifications, ci, null);
  }

  public Config(DatabaseConfig database, IntakeConfig intake, List<ProjectConfig> projects, ServerConfig server,
      List<StateConfig> states, ApplierConfig applier, NotificationsConfig notifications) {
    this(database, intake, projects, server, states, applier, notifications, null, null);
  }

  public Config(DatabaseConfig database, IntakeConfig intake, List<ProjectConfig> projects, ServerConfig server,
      List<StateConfig> states, ApplierConfig applier) {
    this(database, intake, projects, server, states, applier, null, null, null);
  }

  public Config {
    applier = applier == null ? ApplierConfig.DEFAULT : applier;
    states = states == null ? List.of() : List.copyOf(states);
    server = server == null ? ServerConfig.DEFAULT : server;
    database = database == null ? DatabaseConfig.EMBEDDED : database;
    intake = intake == null ? IntakeConfig.DEFAULT : intake;
    projects = projects == null ? List.of() : List.copyOf(projects);
  }
}
