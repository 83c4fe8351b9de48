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
      // numbers longer than two digits (phone numbers, record numbers, years) are not topics
      if (w.length() < 2
          || STOP.contains(w)
          || (w.length() > 2 && w.chars().allMatch(Character::isDigit))) {
        continue;
      }
      out.add(stem(w));
    }
    return out;
  }

  static String stem(String w) {
    String[][] rules = {
      {"ments", ""}, {"ment", ""}, {"ations", "e"}, {"ation", "e"}, {"ities", "e"}, {"ies", "y"},
      {"ing", ""}, {"ches", "ch"}, {"shes", "sh"}, {"ed", ""}, {"es", "e"}, {"s", ""}
    };
    for (String[] r : rules) {
      if (w.endsWith(r[0]) && w.length() - r[0].length() >= 3) {
        if (r[0].equals("s") && (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is"))) {
          return w;
        }
        String base = w.substring(0, w.length() - r[0].length()) + r[1];
        return base.endsWith("e") && base.length() > 4
            ? base.substring(0, base.length() - 1)
            : base;
      }
    }
    return w.endsWith("e") && w.length() > 4 ? w.substring(0, w.length() - 1) : w;
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
        boolean complete =
            p.matches("(?s).*[.!?)\"]$") || (p.length() >= 60 && !p.matches("(?s).*[:,;]$"));
        boolean dangling =
            p.matches("(?is).*\\b(include|includes|including|such as|are|is|the|of|and|or)$");
        if (p.length() >= 20
            && p.length() <= 600
            && complete
            && !dangling
            && WORD.matcher(p).find()) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static final java.util.regex.Pattern BOILERPLATE =
      java.util.regex.Pattern.compile(
          "(?i)following (list|table)|human phenotype ontology|this summary|see the following|"
              + "for more information|click here|these resources|medical encyclopedia|"
              + "this section|the following (pdq|summaries)|\\?$");

  /** Navigation text and questions that are not answers. */
  static boolean boilerplate(String sentence) {
    return BOILERPLATE.matcher(sentence.strip()).find();
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
