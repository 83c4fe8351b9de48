package org.meditwin.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges the specialists' answers: one citation list numbered in order of first use, sentences
 * already given by another specialist dropped (and counted as agreement), differing lead topics
 * shown, and a confidence computed from the evidence (ADR 0101):
 *
 * <pre>
 * coverage  = share of the question's content words found in the answer's sentences
 * support   = min(1, distinct passages cited / 3)
 * agreement = share of specialist pairs citing a common passage or topic
 *             (one specialist: the router's certainty, 0.5 + score margin, at most 1)
 * confidence = coverage × (0.5 + 0.25 support + 0.25 agreement)
 * </pre>
 *
 * Evidence is weak — the answer says it does not know — when no sentence matched or coverage is
 * below {@link #MIN_COVERAGE}.
 */
final class Aggregator {
  static final double MIN_COVERAGE = 0.4;

  record SpecialistResult(
      Specialist specialist, List<Evidence> passages, List<SpecialistAgent.Sentence> sentences) {}

  /** One cited sentence of a section. */
  record Line(String text, int citation) {}

  record Section(Specialist specialist, List<Line> lines) {}

  record Aggregate(
      List<Section> sections,
      List<Evidence> cited,
      Optional<String> disagreement,
      double coverage,
      double support,
      double agreement,
      double confidence,
      boolean weak) {

    List<Citation> citations() {
      return cited.stream().map(Evidence::citation).toList();
    }

    List<String> specialists() {
      return sections.stream().map(s -> s.specialist().id()).toList();
    }
  }

  static Aggregate merge(
      List<SpecialistResult> results, Set<String> question, Set<String> intent, double margin) {
    Map<String, Integer> numbers = new LinkedHashMap<>();
    List<Evidence> cited = new ArrayList<>();
    Set<String> used = new HashSet<>();
    List<Section> sections = new ArrayList<>();
    Set<String> answerWords = new HashSet<>();
    Map<Specialist, Set<String>> keys = new LinkedHashMap<>();
    Map<Specialist, Evidence> lead = new LinkedHashMap<>();
    int duplicates = 0;
    for (SpecialistResult r : results) {
      List<Line> lines = new ArrayList<>();
      Set<String> k = new HashSet<>();
      for (SpecialistAgent.Sentence s : r.sentences()) {
        Evidence e = s.evidence();
        k.add("id:" + e.id());
        k.add("topic:" + e.topic().toLowerCase(Locale.ROOT));
        if (!used.add(TextMatch.normalise(s.text()))) {
          duplicates++;
          continue;
        }
        Integer n = numbers.get(citationKey(e));
        if (n == null) {
          cited.add(e);
          n = cited.size();
          numbers.put(citationKey(e), n);
        }
        lines.add(new Line(s.text(), n));
        answerWords.addAll(TextMatch.contentWords(s.text()));
        lead.putIfAbsent(r.specialist(), e);
      }
      keys.put(r.specialist(), k);
      if (!lines.isEmpty()) {
        sections.add(new Section(r.specialist(), List.copyOf(lines)));
      }
    }
    // the kind of question counts like one more word: answered when a cited passage is of that
    // MedQuAD question type (or is a patient record)
    double coverage = TextMatch.coverage(question, answerWords);
    if (!intent.isEmpty() && !question.isEmpty()) {
      boolean kindAnswered =
          cited.stream().anyMatch(e -> e.patient() || intent.contains(e.questionType().orElse("")));
      coverage = (coverage * question.size() + (kindAnswered ? 1 : 0)) / (question.size() + 1);
    }
    double support = Math.min(1, cited.size() / 3.0);
    List<Specialist> answering = sections.stream().map(Section::specialist).toList();
    double agreement;
    if (answering.size() >= 2) {
      int pairs = 0;
      int agree = 0;
      for (int i = 0; i < answering.size(); i++) {
        for (int j = i + 1; j < answering.size(); j++) {
          pairs++;
          Set<String> a = new HashSet<>(keys.get(answering.get(i)));
          a.retainAll(keys.get(answering.get(j)));
          if (!a.isEmpty()) {
            agree++;
          }
        }
      }
      agreement = Math.min(1, (agree + (duplicates > 0 ? 0.5 : 0)) / pairs);
    } else {
      agreement = Math.min(1, 0.5 + Math.max(0, margin));
    }
    boolean weak = sections.isEmpty() || coverage < MIN_COVERAGE;
    double confidence = coverage * (0.5 + 0.25 * support + 0.25 * agreement);
    if (weak) {
      confidence = Math.min(confidence, 0.25 * coverage);
    }
    confidence = Math.max(0, Math.min(1, confidence));
    return new Aggregate(
        List.copyOf(sections),
        List.copyOf(cited),
        weak ? Optional.empty() : disagreement(lead, numbers, question),
        coverage,
        support,
        agreement,
        confidence,
        weak);
  }

  /** Chunks of one source document share a citation number. */
  static String citationKey(Evidence e) {
    return e.patient() ? e.id() : e.title() + "|" + e.url().orElse(e.id());
  }

  /** "Specialists differ" when the lead passages of two or more specialists are on other topics. */
  private static Optional<String> disagreement(
      Map<Specialist, Evidence> lead, Map<String, Integer> numbers, Set<String> question) {
    Set<String> topics = new LinkedHashSet<>();
    boolean unasked = false;
    for (Evidence e : lead.values()) {
      topics.add(e.topic().toLowerCase(Locale.ROOT));
      // a topic the user named is an answer to part of the question, not a competing view
      unasked |= TextMatch.coverage(TextMatch.contentWords(e.topic()), question) < 0.5;
    }
    if (lead.size() < 2 || topics.size() < 2 || !unasked) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    lead.forEach(
        (s, e) ->
            parts.add(
                s.displayName() + " — “" + e.topic() + "” [" + numbers.get(citationKey(e)) + "]"));
    return Optional.of(
        "The specialists draw on different topics: "
            + String.join("; ", parts)
            + ". Which one applies depends on the full clinical picture; a clinician should "
            + "decide.");
  }
}
