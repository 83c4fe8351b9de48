package org.meditwin.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One specialist: its retrieval profile (its slice of the knowledge base via {@link
 * SpecialtyVocabulary}, preferred MedQuAD question types, the patient's records of its specialty)
 * and its answer style (how many sentences, which it prefers, the role text given to a model).
 */
final class SpecialistAgent {
  /** Retrieval profile and style of a specialist. */
  record Profile(
      Specialist specialist,
      Map<String, Double> questionTypeWeight,
      int maxPassages,
      int maxSentences,
      String role) {}

  static final Map<Specialist, Profile> PROFILES =
      Map.of(
          Specialist.CARDIOLOGY,
          new Profile(
              Specialist.CARDIOLOGY,
              Map.of("symptoms", 1.2, "treatment", 1.2, "exams and tests", 1.1, "outlook", 1.0),
              5,
              3,
              "a cardiologist: focus on the heart and vessels, cardiovascular risk and which heart"
                  + " symptoms need urgent assessment"),
          Specialist.NEUROLOGY,
          new Profile(
              Specialist.NEUROLOGY,
              Map.of("symptoms", 1.2, "exams and tests", 1.2, "treatment", 1.1),
              5,
              3,
              "a neurologist: focus on the brain, nerves and spinal cord, neurological signs and "
                  + "what examination or imaging is needed"),
          Specialist.ORTHOPEDICS,
          new Profile(
              Specialist.ORTHOPEDICS,
              Map.of("treatment", 1.2, "exams and tests", 1.1, "prevention", 1.1, "symptoms", 1.0),
              5,
              3,
              "an orthopedic surgeon: focus on bones, joints, muscles and the spine, function, "
                  + "rehabilitation and when surgery is considered"),
          Specialist.AUDIOLOGY,
          new Profile(
              Specialist.AUDIOLOGY,
              Map.of("exams and tests", 1.3, "treatment", 1.2, "symptoms", 1.1),
              5,
              3,
              "an audiologist: focus on hearing, tinnitus and balance, hearing tests (audiogram, "
                  + "tympanometry) and hearing rehabilitation"),
          Specialist.GENERAL_PHYSICIAN,
          new Profile(
              Specialist.GENERAL_PHYSICIAN,
              Map.of("information", 1.2, "treatment", 1.1, "prevention", 1.1, "symptoms", 1.0),
              5,
              3,
              "a general physician: plain-language overview, self-care, and when to see which "
                  + "specialist"));

  private final Profile profile;

  SpecialistAgent(Specialist s) {
    this.profile = PROFILES.get(s);
  }

  Specialist specialist() {
    return profile.specialist();
  }

  Profile profile() {
    return profile;
  }

  /**
   * The specialist's passages from the shared candidate pool: knowledge-base entries of its
   * specialty (the general physician takes any), reweighted by its preferred question types, plus
   * the patient's records of its specialty or of none.
   */
  List<Evidence> select(List<Evidence> kb, List<Evidence> patient, Set<String> intent) {
    Specialist s = profile.specialist();
    record Scored(Evidence e, double score) {}
    List<Scored> scored = new ArrayList<>();
    double top = kb.stream().mapToDouble(Evidence::score).max().orElse(1);
    for (Evidence e : kb) {
      int rel = SpecialtyVocabulary.relevance(s, e.focus().orElse(""), e.title(), e.source());
      if (rel == 0 && s != Specialist.GENERAL_PHYSICIAN) {
        continue;
      }
      double norm = top > 0 ? e.score() / top : 0;
      String qtype = e.questionType().orElse("");
      double w =
          profile.questionTypeWeight().getOrDefault(qtype, 1.0)
              * (intent.contains(qtype) ? 1.6 : 1.0);
      double fit = s == Specialist.GENERAL_PHYSICIAN ? 1.0 : 1.0 + 0.15 * Math.min(rel, 4);
      scored.add(new Scored(e, norm * w * fit));
    }
    scored.sort(Comparator.comparingDouble(Scored::score).reversed());
    List<Evidence> out = new ArrayList<>();
    java.util.Map<String, Integer> perDocument = new java.util.HashMap<>();
    for (Scored x : scored) {
      if (out.size() >= profile.maxPassages()) {
        break;
      }
      // at most two chunks of one source document, so one long page cannot fill the slice
      if (perDocument.merge(Aggregator.citationKey(x.e()), 1, Integer::sum) <= 2) {
        out.add(x.e());
      }
    }
    int patientTaken = 0;
    for (Evidence e : patient) {
      boolean mine =
          e.specialty().isEmpty()
              || e.specialty().get().contains(s.id())
              || s.id().contains(e.specialty().get())
              || s == Specialist.GENERAL_PHYSICIAN;
      if (mine && patientTaken < 2) {
        out.add(e);
        patientTaken++;
      }
    }
    return out;
  }

  /** A sentence of an extractive answer and the evidence it is copied from. */
  record Sentence(String text, Evidence evidence, double score) {}

  /**
   * Extractive answer: the sentences of its passages that share the most content words with the
   * question (ties broken toward the specialist's own vocabulary), in passage order.
   */
  List<Sentence> compose(Set<String> question, List<Evidence> passages, Set<String> intent) {
    List<Sentence> candidates = new ArrayList<>();
    for (Evidence e : passages) {
      // a passage whose title (the MedQuAD question) matches the question's topic and kind
      // answers it even in sentences that do not repeat the question's words
      double fit =
          TextMatch.coverage(question, TextMatch.contentWords(e.title() + " " + e.topic()))
              * (intent.isEmpty() || intent.contains(e.questionType().orElse("")) ? 1.0 : 0.5);
      int position = 0;
      for (String sentence : TextMatch.sentences(e.text())) {
        position++;
        if (InjectionGuard.containsInstruction(sentence) || TextMatch.boilerplate(sentence)) {
          continue;
        }
        Set<String> words = TextMatch.contentWords(sentence);
        Set<String> shared = new HashSet<>(words);
        shared.retainAll(question);
        if (shared.isEmpty() && fit < 0.5) {
          continue;
        }
        double lexical =
            words.isEmpty()
                ? 0
                : shared.size() / Math.sqrt((double) words.size() * question.size());
        double own = Math.min(2, SpecialtyVocabulary.count(profile.specialist(), sentence)) * 0.05;
        double early = 0.1 / position;
        candidates.add(new Sentence(sentence, e, lexical + 0.5 * fit + own + early));
      }
    }
    candidates.sort(Comparator.comparingDouble(Sentence::score).reversed());
    List<Sentence> chosen = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Sentence c : candidates) {
      if (chosen.size() >= profile.maxSentences()) {
        break;
      }
      if (seen.add(TextMatch.normalise(c.text()))) {
        chosen.add(c);
      }
    }
    List<Evidence> order = passages;
    chosen.sort(
        Comparator.comparingInt((Sentence x) -> order.indexOf(x.evidence()))
            .thenComparingInt(x -> x.evidence().text().indexOf(x.text().substring(0, 10))));
    return chosen;
  }
}
