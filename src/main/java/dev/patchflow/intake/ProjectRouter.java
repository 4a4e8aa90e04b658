package dev.patchflow.intake;

import dev.patchflow.config.IntakeConfig.Unmatched;
import dev.patchflow.config.ProjectConfig;
import dev.patchflow.mail.ParsedMail;
import dev.patchflow.mail.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides which projects a mail belongs to: a project's list (List-Id, or a list address in
 * To/Cc) and all its subject prefix rules must match. One mail may belong to several projects.
 * Pure.
 */
public final class ProjectRouter {
  /** A project a mail goes to, with the list that feeds it (for projects made on the fly). */
  public record Route(String project, String listId, String listEmail) {}

  private final List<ProjectConfig> projects;
  private final Unmatched unmatched;

  public ProjectRouter(List<ProjectConfig> projects, Unmatched unmatched) {
    this.projects = List.copyOf(projects);
    this.unmatched = unmatched;
  }

  public List<Route> route(ParsedMail mail) {
    if (mail.ignoreHint()) {
      return List.of(); // kept, but the sender asked trackers to leave it alone
    }
    List<Route> out = new ArrayList<>();
    for (ProjectConfig p : projects) {
      if (onList(p, mail) && prefixesPass(p.prefixes(), mail)) {
        out.add(new Route(p.name(), p.listId(), p.listEmails().isEmpty() ? null : p.listEmails().get(0)));
      }
    }
    if (out.isEmpty() && unmatched == Unmatched.AUTO) {
      String listId = mail.listIds().isEmpty() ? null : mail.listIds().get(0);
      out.add(new Route(listId == null ? "unlisted" : projectName(listId), listId, null));
    }
    return out;
  }

  /** A project name from a List-Id: "netdev.vger.kernel.org" stays as it is, minus odd characters. */
  static String projectName(String listId) {
    String n = listId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
    if (n.isEmpty()) {
      return "unlisted";
    }
    return n.length() > 100 ? n.substring(0, 100) : n;
  }

  private static boolean onList(ProjectConfig p, ParsedMail mail) {
    if (p.listId() != null && mail.listIds().stream().anyMatch(id -> id.equalsIgnoreCase(p.listId()))) {
      return true;
    }
    for (Person r : mail.recipients()) {
      for (String address : p.listEmails()) {
        if (r.email().equalsIgnoreCase(address)) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean prefixesPass(List<String> rules, ParsedMail mail) {
    List<String> prefixes = mail.subject().prefixes();
    for (String rule : rules) {
      if (rule.startsWith("/")) {
        if (!Pattern.compile(rule.substring(1), Pattern.CASE_INSENSITIVE).matcher(mail.subject().raw()).find()) {
          return false;
        }
      } else if (rule.startsWith("!")) {
        String tag = rule.substring(1);
        if (prefixes.stream().anyMatch(t -> t.equalsIgnoreCase(tag))) {
          return false;
        }
      } else if (prefixes.stream().noneMatch(t -> t.equalsIgnoreCase(rule))) {
        return false;
      }
    }
    return true;
  }
}
