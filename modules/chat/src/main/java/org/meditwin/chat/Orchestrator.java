package org.meditwin.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meditwin.nlp.safety.RedFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the specialists for a message: the trained router's probabilities (when loaded) blended
 * with the specialty vocabulary, plus the specialist a red flag belongs to and any specialist the
 * user names. ADR 0101.
 */
final class Orchestrator {
  private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);

  /** Below this blended score nobody is specific enough and the general physician answers. */
  static final double MIN_SCORE = 0.2;

  /** Others join the top specialist when within this fraction of its score (and at least 0.3). */
  static final double JOIN_FRACTION = 0.5;

  static final int MAX_SPECIALISTS = 3;

  private final Optional<SpecialtyClassifier> classifier;

  Orchestrator(Optional<SpecialtyClassifier> classifier) {
    this.classifier = classifier;
  }

  /**
   * @param chosen specialists in order of score, first = lead
   * @param scores blended score of every specialist
   * @param margin lead score minus the runner-up's (router certainty, for confidence)
   */
  record Routing(List<Specialist> chosen, Map<Specialist, Double> scores, double margin) {}

  Routing route(String message, List<RedFlag> flags) {
    Map<Specialist, Integer> counts = SpecialtyVocabulary.counts(message);
    int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    Map<Specialist, Double> model = Map.of();
    if (classifier.isPresent()) {
      try {
        model = classifier.get().scores(message);
      } catch (RuntimeException e) {
        LOG.warn("specialty router failed, using rules only: {}", e.getClass().getSimpleName());
      }
    }
    List<Specialist> explicit = SpecialtyVocabulary.explicit(message);
    Map<Specialist, Double> scores = new EnumMap<>(Specialist.class);
    for (Specialist s : Specialist.values()) {
      double kw = max == 0 ? 0 : counts.get(s) / (double) max;
      double score = model.isEmpty() ? kw : 0.5 * model.getOrDefault(s, 0.0) + 0.5 * kw;
      for (RedFlag f : flags) {
        if (specialistOf(f.id()).contains(s)) {
          score += 0.5;
        }
      }
      if (explicit.contains(s)) {
        score += 1.0;
      }
      scores.put(s, score);
    }
    List<Specialist> ranked = new ArrayList<>(List.of(Specialist.values()));
    ranked.sort(Comparator.comparingDouble((Specialist s) -> scores.get(s)).reversed());
    double top = scores.get(ranked.get(0));
    double margin = top - scores.get(ranked.get(1));
    List<Specialist> chosen = new ArrayList<>();
    if (top < MIN_SCORE) {
      chosen.add(Specialist.GENERAL_PHYSICIAN);
      return new Routing(chosen, scores, margin);
    }
    for (Specialist s : ranked) {
      double v = scores.get(s);
      boolean joins = v >= Math.max(0.3, JOIN_FRACTION * top);
      if ((joins || explicit.contains(s)) && chosen.size() < MAX_SPECIALISTS) {
        chosen.add(s);
      }
    }
    return new Routing(List.copyOf(chosen), scores, margin);
  }

  /** The specialists that own a red flag's follow-up. */
  static List<Specialist> specialistOf(String flagId) {
    return switch (flagId) {
      case "acute-coronary-syndrome", "chest-pain" -> List.of(Specialist.CARDIOLOGY);
      case "stroke", "thunderclap-headache", "meningitis", "unresponsive-or-seizure" ->
          List.of(Specialist.NEUROLOGY);
      case "cauda-equina" -> List.of(Specialist.ORTHOPEDICS, Specialist.NEUROLOGY);
      case "sudden-hearing-loss" -> List.of(Specialist.AUDIOLOGY);
      default -> List.of(Specialist.GENERAL_PHYSICIAN);
    };
  }
}
