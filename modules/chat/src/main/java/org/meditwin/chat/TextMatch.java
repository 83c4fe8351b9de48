package org.meditwin.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meditwin.nlp.text.Sentences;

/** Content words, light stemming and sentence splitting shared by the agents. */
final class TextMatch {
  private TextMatch() {}

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  static final Set<String> STOP =
      Set.of(
          "a",
          "an",
          "the",
          "and",
          "or",
          "of",
          "to",
          "in",
          "on",
          "for",
          "with",
          "is",
          "are",
          "was",
          "were",
          "be",
          "been",
          "it",
          "its",
          "this",
          "that",
          "these",
          "those",
          "what",
          "which",
          "who",
          "how",
          "why",
          "when",
          "where",
          "do",
          "does",
          "did",
          "can",
          "could",
          "should",
          "would",
          "i",
          "my",
          "me",
          "you",
          "your",
          "we",
          "our",
          "they",
          "their",
          "he",
          "she",
          "his",
          "her",
          "as",
          "at",
          "by",
          "from",
          "about",
          "if",
          "not",
          "no",
          "there",
          "have",
          "has",
          "had",
          "will",
          "may",
          "might",
          "some",
          "any",
          "all",
          "more",
          "most",
          "other",
          "such",
          "than",
          "so",
          "also",
          "into",
          "out",
          "up",
          "over",
          "after",
          "before",
          "am",
          "get",
          "got",
          "tell",
          "know",
          "please",
          "much",
          "many",
          "them",
          "him",
          "im",
          "i'm",
          "dont",
          "doesnt",
          "very",
          "really",
          "just",
          "like",
          "thing",
          "things",
          "help",
          "need",
          "want",
          "something",
          "ok",
          "okay",
          "hi",
          "hello",
          "thanks",
          "thank",
          "mean",
          "means",
          "feel",
          "feeling",
          "one",
          "s",
          "t");

  /** Lower-cased, lightly stemmed content words. */
  static Set<String> contentWords(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (w.length() < 2 || STOP.contains(w)) {
        continue;
      }
      out.add(stem(w));
    }
    return out;
  }

  static String stem(String w) {
    if (w.length() > 5 && w.endsWith("ing")) {
      return w.substring(0, w.length() - 3);
    }
    if (w.length() > 4 && w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 4 && w.endsWith("es") && (w.endsWith("ches") || w.endsWith("shes"))) {
      return w.substring(0, w.length() - 2);
    }
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) {
      return w.substring(0, w.length() - 1);
    }
    if (w.length() > 4 && w.endsWith("ed")) {
      return w.substring(0, w.length() - 2);
    }
    return w;
  }

  /** Sentences of a passage, with MedQuAD's bullet dashes and spacing cleaned. */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    String clean = text.replace('\r', ' ');
    for (int[] s : Sentences.split(clean)) {
      for (String part : clean.substring(s[0], s[1]).split("\\s+-\\s+|\\s{3,}")) {
        String p = part.strip().replaceAll("\\s+", " ");
        if (p.startsWith("- ")) {
          p = p.substring(2);
        }
        if (p.length() >= 20 && WORD.matcher(p).find() && p.length() <= 600) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** Fraction of {@code query} words found in {@code words}. */
  static double coverage(Set<String> query, Set<String> words) {
    if (query.isEmpty()) {
      return 0;
    }
    int found = 0;
    for (String q : query) {
      if (words.contains(q)) {
        found++;
      }
    }
    return found / (double) query.size();
  }

  static String normalise(String sentence) {
    return sentence.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
