package org.meditwin.nlp.train;

import java.util.List;

/** One training or evaluation sentence: words with a BIO tag each. */
public record LabeledSentence(List<String> words, List<String> tags) {
  public LabeledSentence {
    if (words.size() != tags.size()) {
      throw new IllegalArgumentException("one tag per word");
    }
    words = List.copyOf(words);
    tags = List.copyOf(tags);
  }
}
