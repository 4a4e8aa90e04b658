package dev.patchflow.search;

import java.util.List;

/** A parsed search: terms AND-ed, alternatives OR-ed, any of them negated. */
public sealed interface Query {
  /** All must hold. */
  record All(List<Query> parts) implements Query {}

  /** One must hold ("{a b}"). */
  record AnyOf(List<Query> parts) implements Query {}

  /** Must not hold ("-x", "!x"). */
  record Not(Query inner) implements Query {}

  /** A bare word: the series name contains it. */
  record Word(String text) implements Query {}

  /** "key:value", e.g. from:ada, is:complete, age:<2w, success:checkpatch. */
  record Term(String key, String value) implements Query {}
}
