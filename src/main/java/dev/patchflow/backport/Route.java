package dev.patchflow.backport;

import java.util.List;

/** Where one upstream commit goes on one kernel line, and why. */
public sealed interface Route {
  String reason();

  /**
   * Integrate into these spec files.
   *
   * @param flavours the flavour names, in the flavours' order
   * @param specs their spec file names, same order
   * @param warnings named targets this line has no spec for (skipped)
   */
  record To(List<String> flavours, List<String> specs, String reason, List<String> warnings) implements Route {
    public To {
      flavours = List.copyOf(flavours);
      specs = List.copyOf(specs);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Not integrated on this line.
   *
   * @param status {@code routing_none} for a {@code none} rule, {@code no_target_spec} when the line
   *     has no spec for any target
   */
  record Skip(String status, String reason, List<String> warnings) implements Route {
    public Skip {
      warnings = List.copyOf(warnings);
    }
  }
}
