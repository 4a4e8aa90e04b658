package dev.patchflow.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One branch's files while its commits are made: the base tree plus what the branch changed.
 * Only changed files are copied, so thousands of branches cost little.
 */
final class WorkingCopy {
  private final Map<String, List<String>> base;
  private final Map<String, List<String>> changed = new HashMap<>();
  private final List<String> added = new ArrayList<>();

  WorkingCopy(Map<String, List<String>> base) {
    this.base = base;
  }

  /** A copy the caller may edit and then {@link #write}. */
  List<String> read(String path) {
    List<String> lines = changed.containsKey(path) ? changed.get(path) : base.get(path);
    if (lines == null) {
      throw new IllegalArgumentException("no such file: " + path);
    }
    return new ArrayList<>(lines);
  }

  void write(String path, List<String> lines) {
    if (!base.containsKey(path) && !changed.containsKey(path)) {
      added.add(path);
    }
    changed.put(path, List.copyOf(lines));
  }

  boolean exists(String path) {
    return base.containsKey(path) || changed.containsKey(path);
  }

  /** Files this branch created, in creation order (so edits can pick them too). */
  List<String> added() {
    return List.copyOf(added);
  }
}
