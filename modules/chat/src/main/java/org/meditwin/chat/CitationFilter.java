package org.meditwin.chat;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a model's citations while it streams: a {@code [n]} (or {@code [n, m]}) marker is held
 * back until it closes and passed on only when every number names one of the sources; invented ones
 * are dropped and counted.
 */
final class CitationFilter {
  private static final Pattern MARKER = Pattern.compile("\\[\\s*(\\d+(\\s*[,;]\\s*\\d+)*)\\s*]");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](\\s|$)");

  private final int sources;
  private final Consumer<String> downstream;
  private final StringBuilder pending = new StringBuilder();
  private int dropped;

  CitationFilter(int sources, Consumer<String> downstream) {
    this.sources = sources;
    this.downstream = downstream;
  }

  void accept(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (pending.isEmpty()) {
        if (c == '[') {
          pending.append(c);
        } else {
          downstream.accept(String.valueOf(c));
        }
        continue;
      }
      pending.append(c);
      if (c == ']') {
        resolve();
      } else if (pending.length() > 24
          || !(Character.isDigit(c) || c == ',' || c == ';' || c == ' ')) {
        String p = pending.toString();
        pending.setLength(0);
        downstream.accept(p);
      }
    }
  }

  private void resolve() {
    String p = pending.toString();
    pending.setLength(0);
    Matcher m = MARKER.matcher(p);
    if (!m.matches()) {
      downstream.accept(p);
      return;
    }
    StringBuilder kept = new StringBuilder();
    for (String n : m.group(1).split("\\s*[,;]\\s*")) {
      int v;
      try {
        v = Integer.parseInt(n.strip());
      } catch (NumberFormatException e) {
        v = -1;
      }
      if (v >= 1 && v <= sources) {
        kept.append(kept.isEmpty() ? "" : ", ").append(v);
      } else {
        dropped++;
      }
    }
    if (!kept.isEmpty()) {
      downstream.accept("[" + kept + "]");
    }
  }

  void flush() {
    if (!pending.isEmpty()) {
      String p = pending.toString();
      pending.setLength(0);
      downstream.accept(p);
    }
  }

  int dropped() {
    return dropped;
  }

  /** Share of the text's sentences that carry at least one valid citation marker. */
  double citedShare(String text) {
    String[] sentences = SENTENCE_END.split(text.strip());
    int n = 0;
    int cited = 0;
    for (String s : sentences) {
      if (s.isBlank()) {
        continue;
      }
      n++;
      if (MARKER.matcher(s).find()) {
        cited++;
      }
    }
    return n == 0 ? 0 : cited / (double) n;
  }
}
