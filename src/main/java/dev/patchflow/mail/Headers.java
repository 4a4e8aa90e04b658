package dev.patchflow.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The header block of a message or MIME part, in order, with repeated fields kept. */
public record Headers(List<Header> fields) {
  public Headers {
    fields = List.copyOf(fields);
  }

  /** The decoded value of the first field with this name that is not blank. */
  public Optional<String> first(String name) {
    for (Header h : fields) {
      if (h.is(name)) {
        String v = h.value();
        if (!v.isEmpty()) {
          return Optional.of(v);
        }
      }
    }
    return Optional.empty();
  }

  /** The raw (undecoded) value of the first non-blank field with this name. */
  public Optional<String> firstRaw(String name) {
    for (Header h : fields) {
      if (h.is(name) && !h.rawValue().isBlank()) {
        return Optional.of(h.rawValue().strip());
      }
    }
    return Optional.empty();
  }

  public List<String> all(String name) {
    List<String> out = new ArrayList<>();
    for (Header h : fields) {
      if (h.is(name)) {
        out.add(h.value());
      }
    }
    return out;
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }
}
