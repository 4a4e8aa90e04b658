package dev.patchflow.api.pwcompat;

import dev.patchflow.api.Json;
import dev.patchflow.mail.Header;
import dev.patchflow.mail.MimeParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the Patchwork resources. */
final class PwJson {
  private PwJson() {}

  static Map<String, Object> object() {
    return Json.object();
  }

  static String date(Instant i) {
    return Json.date(i);
  }

  static String bracketed(String msgid) {
    return "<" + msgid + ">";
  }

  /** A mail's headers as Patchwork shows them: a dict, a repeated header becoming a list. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> headers(byte[] raw) {
    Map<String, Object> out = object();
    for (Header h : MimeParser.parseHeaders(raw).fields()) {
      Object old = out.get(h.name());
      if (old == null) {
        out.put(h.name(), h.rawValue());
      } else if (old instanceof List<?> list) {
        ((List<Object>) list).add(h.rawValue());
      } else {
        List<Object> list = new ArrayList<>();
        list.add(old);
        list.add(h.rawValue());
        out.put(h.name(), list);
      }
    }
    return out;
  }
}
