package org.meditwin.inference.generate;

import java.util.List;

/**
 * A finished answer.
 *
 * @param text answer text (citations as {@code [n]})
 * @param provider name of the provider that produced it
 * @param citations sources referred to
 * @param extractive true when every sentence is copied verbatim from the sources
 */
public record Generation(
    String text, String provider, List<Citation> citations, boolean extractive) {
  public Generation {
    citations = List.copyOf(citations);
  }
}
