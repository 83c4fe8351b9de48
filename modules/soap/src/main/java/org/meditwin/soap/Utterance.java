package org.meditwin.soap;

/**
 * One sentence of one speaker turn: {@code [start, end)} of the original transcript.
 *
 * @param turn index of the speaker turn it belongs to
 */
record Utterance(int turn, Speaker speaker, int start, int end, String text) {
  boolean question() {
    return text.endsWith("?");
  }

  SourceSpan span() {
    return new SourceSpan(start, end);
  }
}
