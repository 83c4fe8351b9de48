package org.meditwin.nlp.ner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.meditwin.nlp.text.Token;
import org.meditwin.nlp.text.Tokenizer;

/**
 * NegEx/ConText assertion rules (Chapman et al. 2001, Harkema et al. 2009): trigger phrases before
 * or after an entity set negation, uncertainty, historicity or a non-patient experiencer;
 * pseudo-triggers ("no increase", "gram negative") block false hits; terminators ("but", "however")
 * end a trigger's scope. Forward scope runs to the end of the sentence or a terminator (at most
 * {@link #FORWARD_WORDS} words), backward scope {@link #BACKWARD_WORDS} words.
 */
public final class ConTextRules {
  /** What a trigger asserts. */
  public enum Kind {
    NEGATION,
    UNCERTAINTY,
    HISTORICAL,
    FAMILY,
    PSEUDO,
    TERMINATION
  }

  /** Whether a trigger looks forward (precedes the entity) or backward (follows it). */
  public enum Direction {
    FORWARD,
    BACKWARD
  }

  /** One trigger phrase. */
  public record Trigger(String phrase, Kind kind, Direction direction) {}

  public static final int FORWARD_WORDS = 12;
  public static final int BACKWARD_WORDS = 5;

  /** The published trigger lists this implementation uses (NegEx + ConText lexicons, abridged). */
  public static final Map<Kind, List<String>> FORWARD_TRIGGERS =
      Map.of(
          Kind.NEGATION,
          List.of(
              "no",
              "not",
              "denies",
              "denied",
              "denying",
              "deny",
              "without",
              "w/o",
              "negative for",
              "no evidence of",
              "no sign of",
              "no signs of",
              "no history of",
              "absence of",
              "absent",
              "free of",
              "ruled out",
              "rules out",
              "never",
              "never had",
              "did not have",
              "does not have",
              "doesn't have",
              "didn't have",
              "not have",
              "no complaints of",
              "fails to reveal",
              "failed to reveal",
              "unremarkable for",
              "neither",
              "nor",
              "resolution of",
              "no new",
              "not demonstrate",
              "no suggestion of",
              "negative",
              "no findings of",
              "not experiencing",
              "no longer"),
          Kind.UNCERTAINTY,
          List.of(
              "possible",
              "possibly",
              "probable",
              "probably",
              "likely",
              "suspected",
              "suspect",
              "suspicious for",
              "suspicion of",
              "questionable",
              "question of",
              "may",
              "may be",
              "might",
              "could",
              "could be",
              "concern for",
              "concerning for",
              "rule out",
              "r/o",
              "differential",
              "differential diagnosis",
              "cannot rule out",
              "can't rule out",
              "cannot exclude",
              "versus",
              "vs",
              "presumed",
              "presumptive",
              "suggestive of",
              "worrisome for",
              "evaluate for",
              "evaluation for",
              "if",
              "in case of",
              "risk of",
              "at risk for",
              "consider",
              "considered"),
          Kind.HISTORICAL,
          List.of(
              "history of",
              "h/o",
              "hx of",
              "hx",
              "past medical history",
              "pmh",
              "previous",
              "previously",
              "prior",
              "prior history of",
              "status post",
              "s/p",
              "former",
              "remote history of",
              "childhood",
              "past history of"),
          Kind.FAMILY,
          List.of(
              "family history",
              "family history of",
              "fhx",
              "fh",
              "family hx",
              "mother",
              "father",
              "mom",
              "dad",
              "brother",
              "sister",
              "sibling",
              "siblings",
              "grandmother",
              "grandfather",
              "aunt",
              "uncle",
              "cousin",
              "parent",
              "parents",
              "son",
              "daughter",
              "maternal",
              "paternal",
              "relatives"));

  public static final Map<Kind, List<String>> BACKWARD_TRIGGERS =
      Map.of(
          Kind.NEGATION,
          List.of(
              "was ruled out",
              "were ruled out",
              "is ruled out",
              "has been ruled out",
              "ruled out",
              "is absent",
              "are absent",
              "was absent",
              "was negative",
              "is negative",
              "were negative",
              "not seen",
              "was not found",
              "were not found",
              "not present",
              "is not present",
              "denied",
              "free",
              "resolved",
              "has resolved"),
          Kind.UNCERTAINTY,
          List.of(
              "is possible",
              "is likely",
              "is suspected",
              "unlikely",
              "is unlikely",
              "cannot be excluded",
              "cannot be ruled out",
              "can not be ruled out",
              "not excluded",
              "is questionable",
              "?",
              "was considered",
              "is considered"),
          Kind.HISTORICAL,
          List.of("in the past", "years ago", "previously", "in childhood", "as a child"));

  public static final List<String> PSEUDO_TRIGGERS =
      List.of(
          "no increase",
          "no change",
          "no significant change",
          "no suspicious change",
          "not only",
          "not necessarily",
          "gram negative",
          "not cause",
          "not drain",
          "without difficulty",
          "no further",
          "not certain if",
          "not certain whether",
          "not rule out",
          "no interval change",
          "not been",
          "history and physical",
          "history and examination",
          "social history",
          "surgical history",
          "may be able",
          "if needed",
          "if necessary",
          "aside from history");

  public static final List<String> TERMINATIONS =
      List.of(
          "but",
          "however",
          "although",
          "though",
          "except",
          "aside from",
          "apart from",
          "which",
          "still",
          "yet",
          "nevertheless",
          "presents with",
          "presenting with",
          "reports",
          "complains of",
          "c/o",
          "secondary to",
          "due to",
          "because",
          "as well as having",
          "patient",
          "pt",
          ";",
          "and has",
          "now has");

  private static final List<Compiled> COMPILED = compile();

  private record Compiled(String[] tokens, Kind kind, Direction direction) {}

  private record Hit(int from, int to, Kind kind, Direction direction) {}

  private ConTextRules() {}

  /**
   * Assertion of the entity over tokens {@code [from, to)} of {@code sentence} (tokens of one
   * sentence only).
   */
  public static Assertion assess(List<Token> sentence, int from, int to) {
    List<Hit> hits = hits(sentence);
    boolean negated = false;
    boolean uncertain = false;
    boolean historical = false;
    boolean family = false;
    for (Hit h : hits) {
      if (h.kind == Kind.PSEUDO || h.kind == Kind.TERMINATION) {
        continue;
      }
      boolean applies;
      if (h.direction == Direction.FORWARD && h.to <= from) {
        applies = !terminated(hits, h.to, from) && words(sentence, h.to, from) <= FORWARD_WORDS;
      } else if (h.direction == Direction.BACKWARD && h.from >= to) {
        applies = !terminated(hits, to, h.from) && words(sentence, to, h.from) <= BACKWARD_WORDS;
      } else {
        applies = false;
      }
      if (applies) {
        switch (h.kind) {
          case NEGATION -> negated = true;
          case UNCERTAINTY -> uncertain = true;
          case HISTORICAL -> historical = true;
          case FAMILY -> family = true;
          default -> {}
        }
      }
    }
    return new Assertion(
        negated,
        uncertain,
        historical,
        family ? Assertion.Experiencer.FAMILY : Assertion.Experiencer.PATIENT);
  }

  /** Trigger occurrences, longest first, non-overlapping, left to right. */
  static List<Hit> hits(List<Token> sentence) {
    String[] norm = new String[sentence.size()];
    for (int i = 0; i < norm.length; i++) {
      norm[i] = Lexicon.norm(sentence.get(i).text());
    }
    List<Hit> out = new ArrayList<>();
    int i = 0;
    while (i < norm.length) {
      Compiled best = null;
      for (Compiled c : COMPILED) {
        if (matches(norm, i, c.tokens) && (best == null || c.tokens.length > best.tokens.length)) {
          best = c;
        }
      }
      if (best != null) {
        // a phrase that is both forward and backward (e.g. "ruled out") counts both ways
        for (Compiled c : COMPILED) {
          if (c.tokens.length == best.tokens.length && matches(norm, i, c.tokens)) {
            out.add(new Hit(i, i + c.tokens.length, c.kind, c.direction));
          }
        }
        i += best.tokens.length;
      } else {
        i++;
      }
    }
    return out;
  }

  private static boolean matches(String[] norm, int at, String[] phrase) {
    if (at + phrase.length > norm.length) {
      return false;
    }
    for (int k = 0; k < phrase.length; k++) {
      if (!norm[at + k].equals(phrase[k])) {
        return false;
      }
    }
    return true;
  }

  private static boolean terminated(List<Hit> hits, int from, int to) {
    for (Hit h : hits) {
      if (h.kind == Kind.TERMINATION && h.from >= from && h.to <= to) {
        return true;
      }
    }
    return false;
  }

  private static int words(List<Token> s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (s.get(i).isWord()) {
        n++;
      }
    }
    return n;
  }

  private static List<Compiled> compile() {
    List<Compiled> out = new ArrayList<>();
    FORWARD_TRIGGERS.forEach(
        (k, list) -> list.forEach(p -> out.add(compiled(p, k, Direction.FORWARD))));
    BACKWARD_TRIGGERS.forEach(
        (k, list) -> list.forEach(p -> out.add(compiled(p, k, Direction.BACKWARD))));
    PSEUDO_TRIGGERS.forEach(p -> out.add(compiled(p, Kind.PSEUDO, Direction.FORWARD)));
    TERMINATIONS.forEach(p -> out.add(compiled(p, Kind.TERMINATION, Direction.FORWARD)));
    out.sort(Comparator.comparingInt((Compiled c) -> -c.tokens.length));
    return List.copyOf(out);
  }

  private static Compiled compiled(String phrase, Kind kind, Direction direction) {
    return new Compiled(
        Tokenizer.tokenize(phrase).stream().map(t -> Lexicon.norm(t.text())).toArray(String[]::new),
        kind,
        direction);
  }
}
