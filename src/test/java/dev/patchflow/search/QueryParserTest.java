package dev.patchflow.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParserTest {
  @Test
  void wordsTermsOrAndNegation() {
    Query q = QueryParser.parse("widget from:ada {is:complete not:obsolete} -has:replies !\"two words\" age:<2w");
    assertThat(q).isEqualTo(new Query.All(List.of(
        new Query.Word("widget"),
        new Query.Term("from", "ada"),
        new Query.AnyOf(List.of(new Query.Term("is", "complete"), new Query.Term("not", "obsolete"))),
        new Query.Not(new Query.Term("has", "replies")),
        new Query.Not(new Query.Word("two words")),
        new Query.Term("age", "<2w"))));
    assertThat(QueryParser.parse("  ")).isEqualTo(new Query.All(List.of()));
    assertThat(QueryParser.parse("success:checkpatch failure:\"build gcc\"")).isEqualTo(new Query.All(List.of(
        new Query.Term("success", "checkpatch"), new Query.Term("failure", "build gcc"))));
  }

  @Test
  void mistakesNameTheirPosition() {
    assertThatThrownBy(() -> QueryParser.parse("widget colour:red")).isInstanceOf(QueryException.class)
        .hasMessageContaining("unknown term 'colour:'").satisfies(e -> assertThat(((QueryException) e).position()).isEqualTo(7));
    assertThatThrownBy(() -> QueryParser.parse("{is:complete")).hasMessageContaining("missing '}'")
        .satisfies(e -> assertThat(((QueryException) e).position()).isEqualTo(12));
    assertThatThrownBy(() -> QueryParser.parse("is:finished")).hasMessageContaining("'is:finished' is not known")
        .satisfies(e -> assertThat(((QueryException) e).position()).isEqualTo(3));
    assertThatThrownBy(() -> QueryParser.parse("age:soon")).hasMessageContaining("age wants");
    assertThatThrownBy(() -> QueryParser.parse("a }")).hasMessageContaining("'}' without '{'");
    assertThatThrownBy(() -> QueryParser.parse("- x")).hasMessageContaining("nothing to negate");
    assertThatThrownBy(() -> QueryParser.parse("\"open")).hasMessageContaining("unclosed");
    assertThatThrownBy(() -> QueryParser.parse("from:")).hasMessageContaining("needs a value");
  }
}
