package org.meditwin.search;

import java.util.List;

/**
 * A highlighted passage of a hit: plain text plus the character ranges that matched the query
 * (ready for a JavaFX {@code TextFlow}; no markup to escape).
 */
public record Snippet(String text, List<Range> highlights) {
  public Snippet {
    highlights = List.copyOf(highlights);
  }

  /** Half-open character range {@code [start, end)} within {@link #text()}. */
  public record Range(int start, int end) {}
}
