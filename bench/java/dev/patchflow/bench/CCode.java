package dev.patchflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Kernel-looking C, made up from a few templates. Nobody compiles it; it only has to make
 * diffs that look and weigh like real ones (tabs, short hunks, function context lines).
 */
final class CCode {
  static final String[] NOUNS = {
    "queue", "ring", "buf", "desc", "irq", "reg", "ctx", "page", "node", "entry", "table", "work",
    "timer", "stats", "link", "port", "chan", "req", "map", "cache",
  };
  static final String[] VERBS = {
    "init", "alloc", "free", "reset", "flush", "read", "write", "get", "put", "lookup", "update",
    "enable", "disable", "start", "stop", "sync",
  };
  private static final String[] ERRORS = {"EINVAL", "ENOMEM", "EBUSY", "EIO", "ENODEV", "EAGAIN"};
  private static final String[] HEADERS = {
    "linux/kernel.h", "linux/module.h", "linux/slab.h", "linux/spinlock.h", "linux/errno.h",
    "linux/list.h", "linux/types.h", "linux/workqueue.h", "linux/bitops.h",
  };

  private CCode() {}

  static String ident(Random rnd, String symbol) {
    return symbol + "_" + NOUNS[rnd.nextInt(NOUNS.length)] + "_" + VERBS[rnd.nextInt(VERBS.length)];
  }

  static String field(Random rnd) {
    return NOUNS[rnd.nextInt(NOUNS.length)] + "_" + (rnd.nextBoolean() ? "count" : "mask");
  }

  static List<String> file(Random rnd, String symbol, String what) {
    List<String> out = new ArrayList<>();
    out.add("// SPDX-License-Identifier: GPL-2.0");
    out.add("/*");
    out.add(" * " + symbol + ": " + what);
    out.add(" */");
    int includes = 3 + rnd.nextInt(4);
    for (int i = 0; i < includes; i++) {
      out.add("#include <" + HEADERS[(i * 3 + rnd.nextInt(3)) % HEADERS.length] + ">");
    }
    out.add("");
    out.add("struct " + symbol + "_dev {");
    int fields = 4 + rnd.nextInt(5);
    for (int i = 0; i < fields; i++) {
      out.add("\tunsigned int " + field(rnd) + ";");
    }
    out.add("\tspinlock_t lock;");
    out.add("};");
    out.add("");
    int functions = 4 + rnd.nextInt(7);
    for (int i = 0; i < functions; i++) {
      out.addAll(function(rnd, symbol));
    }
    return out;
  }

  static List<String> function(Random rnd, String symbol) {
    List<String> out = new ArrayList<>();
    out.add((rnd.nextInt(3) == 0 ? "int " : "static int ") + ident(rnd, symbol) + "(struct " + symbol + "_dev *dev, int flags)");
    out.add("{");
    out.add("\tint ret = 0;");
    out.add("");
    int statements = 3 + rnd.nextInt(8);
    for (int i = 0; i < statements; i++) {
      out.addAll(statement(rnd, symbol));
    }
    out.add("\treturn ret;");
    out.add("}");
    out.add("");
    return out;
  }

  static List<String> statement(Random rnd, String symbol) {
    String f = field(rnd);
    int n = rnd.nextInt(64);
    return switch (rnd.nextInt(6)) {
      case 0 -> List.of("\tret = " + ident(rnd, symbol) + "(dev, " + n + ");", "\tif (ret)", "\t\treturn ret;");
      case 1 -> List.of("\tdev->" + f + " = " + n + ";");
      case 2 -> List.of("\tif (dev->" + f + " > " + n + ")", "\t\treturn -" + ERRORS[rnd.nextInt(ERRORS.length)] + ";");
      case 3 -> List.of("\tspin_lock(&dev->lock);", "\tdev->" + f + " |= BIT(" + (n % 32) + ");", "\tspin_unlock(&dev->lock);");
      case 4 -> List.of("\tpr_debug(\"%s: " + f + " %u\\n\", __func__, dev->" + f + ");");
      default -> List.of("\tret = " + ident(rnd, symbol) + "(dev, flags & " + n + ");");
    };
  }
}
