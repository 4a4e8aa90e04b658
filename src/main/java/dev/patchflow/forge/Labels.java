package dev.patchflow.forge;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A repository's labels, and the labels on its pull requests and issues. */
public final class Labels {
  private static final String LABELS = "/repos/{owner}/{repo}/labels";
  private static final String ON_ISSUE = "/repos/{owner}/{repo}/issues/{number}/labels";
  private final GitHubClient client;
  private final RepoRef repo;

  Labels(GitHubClient client, RepoRef repo) {
    this.client = client;
    this.repo = repo;
  }

  public List<Label> list() throws GitHubException {
    return client.list(Route.of(LABELS, repo.owner(), repo.name()), null, Label::from, Integer.MAX_VALUE);
  }

  /** @throws ValidationException when it already exists */
  public Label create(String name, String color) throws GitHubException {
    return Label.from(client.call("POST", Route.of(LABELS, repo.owner(), repo.name()),
        Map.of("name", name, "color", color)));
  }

  public Label recolor(String name, String color) throws GitHubException {
    return Label.from(client.call("PATCH", Route.of(LABELS + "/{name}", repo.owner(), repo.name(), name),
        Map.of("color", color)));
  }

  /**
   * Makes each label exist with its colour: creates the missing ones, recolours the others
   * when their colour differs, leaves the rest alone. Returns the labels it created or changed.
   */
  public List<Label> ensure(Map<String, String> colorsByName) throws GitHubException {
    List<Label> existing = list();
    List<Label> changed = new java.util.ArrayList<>();
    for (Map.Entry<String, String> want : colorsByName.entrySet()) {
      Optional<Label> have = existing.stream().filter(l -> l.name().equalsIgnoreCase(want.getKey())).findFirst();
      if (have.isEmpty()) {
        changed.add(create(want.getKey(), want.getValue()));
      } else if (!have.get().color().equalsIgnoreCase(want.getValue())) {
        changed.add(recolor(have.get().name(), want.getValue()));
      }
    }
    return changed;
  }

  /** The labels on a pull request or issue. */
  public List<Label> on(int number) throws GitHubException {
    return client.list(Route.of(ON_ISSUE, repo.owner(), repo.name(), number), null, Label::from, Integer.MAX_VALUE);
  }

  /** Replaces all labels of a pull request or issue; returns them as they now are. */
  public List<Label> set(int number, Collection<String> names) throws GitHubException {
    return Json.list(client.call("PUT", Route.of(ON_ISSUE, repo.owner(), repo.name(), number),
        Map.of("labels", List.copyOf(names))), Label::from);
  }

  /** Adds labels (missing ones are created with a default colour); returns all labels now on it. */
  public List<Label> add(int number, Collection<String> names) throws GitHubException {
    return Json.list(client.callIdempotent("POST", Route.of(ON_ISSUE, repo.owner(), repo.name(), number),
        Map.of("labels", List.copyOf(names))), Label::from);
  }

  /** Removes one label; false when it was not on the pull request. */
  public boolean remove(int number, String name) throws GitHubException {
    try {
      client.call("DELETE", Route.of(ON_ISSUE + "/{name}", repo.owner(), repo.name(), number, name), null);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }
}
