package dev.patchflow.config;

/**
 * A project's git tree: where series are applied and where the results are pushed.
 *
 * @param baseRepo the repository to apply onto (a URL git fetches from, or a path)
 * @param baseBranch its branch whose head is the base of every series (default: master)
 * @param pushUrl where the tags of applied series are pushed
 * @param publicUrl how people fetch them, for links and testers: a URL, or a template with
 *     {tag} (e.g. https://git.example.org/widgets/log/?h={tag}); default: the push URL
 */
public record GitTreeConfig(String baseRepo, String baseBranch, String pushUrl, String publicUrl) {
  public String branch() {
    return baseBranch == null ? "master" : baseBranch;
  }

  /** Where a tag is shown to people and testers. */
  public String publicUrlOf(String tag) {
    String template = publicUrl == null ? pushUrl : publicUrl;
    return template.contains("{tag}") ? template.replace("{tag}", tag) : template;
  }
}
