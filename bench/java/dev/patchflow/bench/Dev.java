package dev.patchflow.bench;

/**
 * A developer of the generated project: sends series, reviews others'.
 *
 * @param tz the UTC offset their mail carries, as git writes it ("+0100"); varied so that the
 *     parser sees more than one zone
 */
record Dev(String name, String email, String tz) {
  String ident() {
    return name + " <" + email + ">";
  }
}
