package org.meditwin.nlp.ner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.meditwin.nlp.text.Token;
import org.meditwin.nlp.text.Tokenizer;

/**
 * Curated clinical term lists (class-path resources {@code ner/*.txt}, sources in each file's
 * header) matched longest-first over tokens, case- and accent-insensitively.
 */
public final class Lexicon {
  private static final Map<ClinicalEntityType, String> FILES =
      Map.of(
          ClinicalEntityType.DISEASE, "disease.txt",
          ClinicalEntityType.SYMPTOM, "symptom.txt",
          ClinicalEntityType.MEDICATION, "medication.txt",
          ClinicalEntityType.PROCEDURE, "procedure.txt",
          ClinicalEntityType.ANATOMY, "anatomy.txt",
          ClinicalEntityType.LAB_TEST, "labtest.txt");
  private static final List<ClinicalEntityType> PRIORITY =
      List.of(
          ClinicalEntityType.DISEASE,
          ClinicalEntityType.SYMPTOM,
          ClinicalEntityType.PROCEDURE,
          ClinicalEntityType.LAB_TEST,
          ClinicalEntityType.MEDICATION,
          ClinicalEntityType.ANATOMY);

  private static final Set<String> STOPWORDS =
      Set.of("of", "in", "the", "and", "with", "to", "a", "on", "for", "by", "s", "'", "-");

  private static final Lexicon SHIPPED = load();

  private final Node root = new Node();
  private final java.util.Set<String> vocabulary = new java.util.HashSet<>();
  private final Map<ClinicalEntityType, Integer> sizes = new EnumMap<>(ClinicalEntityType.class);

  private static final class Node {
    final Map<String, Node> next = new HashMap<>();
    java.util.EnumSet<ClinicalEntityType> types = null;
  }

  /** A lexicon hit over tokens {@code [from, to)}. */
  public record Match(int from, int to, Set<ClinicalEntityType> types) {
    /** The type to report when a term is in several lists. */
    public ClinicalEntityType primary() {
      for (ClinicalEntityType t : PRIORITY) {
        if (types.contains(t)) {
          return t;
        }
      }
      return types.iterator().next();
    }
  }

  public static Lexicon shipped() {
    return SHIPPED;
  }

  public int size(ClinicalEntityType type) {
    return sizes.getOrDefault(type, 0);
  }

  /** True when {@code phrase} is a listed term of any type (used as a PII allow-list). */
  public boolean contains(String phrase) {
    List<Token> tokens = Tokenizer.tokenize(phrase);
    if (tokens.isEmpty()) {
      return false;
    }
    Node n = root;
    for (Token t : tokens) {
      n = n.next.get(norm(t.text()));
      if (n == null) {
        return false;
      }
    }
    return n.types != null;
  }

  /** True when {@code word} occurs in some listed term ("sensorineural", "media"). */
  public boolean inVocabulary(String word) {
    return vocabulary.contains(norm(word));
  }

  /** Longest non-overlapping matches, left to right. */
  public List<Match> match(List<Token> tokens) {
    List<Match> out = new ArrayList<>();
    String[] norm = new String[tokens.size()];
    for (int i = 0; i < norm.length; i++) {
      norm[i] = norm(tokens.get(i).text());
    }
    int i = 0;
    while (i < tokens.size()) {
      Node n = root;
      int bestEnd = -1;
      Set<ClinicalEntityType> bestTypes = null;
      for (int j = i; j < tokens.size() && j - i < 12; j++) {
        n = n.next.get(norm[j]);
        if (n == null) {
          break;
        }
        if (n.types != null && adjacentOk(tokens, i, j)) {
          bestEnd = j + 1;
          bestTypes = n.types;
        }
      }
      if (bestEnd > 0) {
        out.add(new Match(i, bestEnd, Set.copyOf(bestTypes)));
        i = bestEnd;
      } else {
        i++;
      }
    }
    return out;
  }

  /** Punctuation inside a term must be attached ("meniere's", "covid-19"), not spaced out. */
  private static boolean adjacentOk(List<Token> tokens, int from, int to) {
    for (int k = from + 1; k <= to; k++) {
      Token prev = tokens.get(k - 1);
      Token cur = tokens.get(k);
      if ((!cur.isWord() || !prev.isWord()) && cur.start() != prev.end()) {
        return false;
      }
    }
    return true;
  }

  static String norm(String s) {
    String lower = s.toLowerCase(Locale.ROOT).replace('’', '\'');
    if (lower.chars().allMatch(c -> c < 128)) {
      return lower;
    }
    return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
  }

  private void add(String term, ClinicalEntityType type) {
    List<Token> tokens = Tokenizer.tokenize(term);
    if (tokens.isEmpty()) {
      return;
    }
    Node n = root;
    for (Token t : tokens) {
      String w = norm(t.text());
      if (t.isWord() && !STOPWORDS.contains(w)) {
        vocabulary.add(w);
      }
      n = n.next.computeIfAbsent(w, k -> new Node());
    }
    if (n.types == null) {
      n.types = java.util.EnumSet.noneOf(ClinicalEntityType.class);
    }
    n.types.add(type);
    sizes.merge(type, 1, Integer::sum);
  }

  private static Lexicon load() {
    Lexicon lex = new Lexicon();
    for (var e : FILES.entrySet()) {
      try (InputStream in = Lexicon.class.getResourceAsStream(e.getValue())) {
        if (in == null) {
          throw new IllegalStateException("lexicon " + e.getValue() + " missing from the jar");
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
          String term = line.strip();
          if (!term.isEmpty() && !term.startsWith("#")) {
            lex.add(term, e.getKey());
          }
        }
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    return lex;
  }
}
