package org.meditwin.chat;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documented mapping from words to specialists used twice: to route messages (rules beside the
 * trained router) and to give each specialist its slice of the knowledge base (MedQuAD entries
 * carry no specialty, so an entry belongs to a specialist when its focus or question names that
 * specialist's organs, conditions or tests; publisher NINDS counts as neurology). See ADR 0101.
 */
final class SpecialtyVocabulary {
  private SpecialtyVocabulary() {}

  static final Map<Specialist, Pattern> TERMS = new EnumMap<>(Specialist.class);

  static {
    TERMS.put(
        Specialist.CARDIOLOGY,
        words(
            "heart",
            "cardiac",
            "cardio\\w*",
            "coronary",
            "angina",
            "arrhythmi\\w*",
            "atrial",
            "fibrillation",
            "myocard\\w*",
            "valve",
            "valvular",
            "aort\\w*",
            "hypertension",
            "high blood pressure",
            "blood pressure",
            "cholesterol",
            "palpitations?",
            "endocarditis",
            "pericard\\w*",
            "tachycardia",
            "bradycardia",
            "murmur",
            "chest pain",
            "heart attack",
            "statins?",
            "anticoagula\\w*",
            "warfarin",
            "ecg",
            "ekg",
            "echocardiogra\\w*",
            "cha2ds2-vasc",
            "chads",
            "pacemaker",
            "stent",
            "atherosclerosis",
            "vascular",
            "arter(y|ies|ial)"));
    TERMS.put(
        Specialist.NEUROLOGY,
        words(
            "brain",
            "neuro\\w*",
            "nerves?",
            "stroke",
            "seizures?",
            "epilep\\w*",
            "migraines?",
            "headaches?",
            "dementia",
            "alzheimer\\w*",
            "parkinson\\w*",
            "multiple sclerosis",
            "spinal cord",
            "palsy",
            "ataxia",
            "dystonia",
            "meningitis",
            "encephal\\w*",
            "tremors?",
            "concussion",
            "neuralgia",
            "myasthenia",
            "amyotrophic",
            "numbness",
            "tingling",
            "paralysis",
            "memory",
            "dizziness",
            "fainting",
            "tia",
            "cognitive",
            "neuropath\\w*"));
    TERMS.put(
        Specialist.ORTHOPEDICS,
        words(
            "bones?",
            "joints?",
            "fractures?",
            "broken",
            "osteo\\w*",
            "arthritis",
            "arthr\\w*",
            "spine",
            "back pain",
            "knees?",
            "hips?",
            "shoulders?",
            "tendon\\w*",
            "ligaments?",
            "muscles?",
            "musculoskeletal",
            "sprains?",
            "scoliosis",
            "gout",
            "carpal tunnel",
            "disc",
            "skelet\\w*",
            "cartilage",
            "bursitis",
            "sciatica",
            "ankles?",
            "wrists?",
            "elbows?",
            "neck pain",
            "orthop(a)?edic\\w*"));
    TERMS.put(
        Specialist.AUDIOLOGY,
        words(
            "hearing",
            "deaf\\w*",
            "ears?",
            "tinnitus",
            "vertigo",
            "cochlea\\w*",
            "otitis",
            "auditory",
            "m[ée]ni[èe]re\\w*",
            "acoustic",
            "otosclerosis",
            "vestibular",
            "audiogra\\w*",
            "audiometr\\w*",
            "audiolog\\w*",
            "presbycusis",
            "earwax",
            "ear wax",
            "hearing aids?",
            "tympan\\w*",
            "labyrinthitis",
            "ent"));
    TERMS.put(
        Specialist.GENERAL_PHYSICIAN,
        words(
            "fever",
            "infections?",
            "diabetes",
            "flu",
            "influenza",
            "colds?",
            "cough",
            "vaccin\\w*",
            "fatigue",
            "tired",
            "weight",
            "bmi",
            "obesity",
            "nutrition",
            "diet",
            "sleep",
            "stomach",
            "thyroid",
            "anemia",
            "kidney",
            "skin",
            "rash",
            "allerg\\w*",
            "asthma",
            "medications?",
            "medicines?",
            "antibiotics?",
            "check-?up",
            "screening",
            "egfr",
            "creatinine"));
  }

  /** Explicit requests for a specialist ("ask the cardiologist", "neurology opinion"). */
  static final Map<Specialist, Pattern> EXPLICIT = new EnumMap<>(Specialist.class);

  static {
    EXPLICIT.put(Specialist.CARDIOLOGY, words("cardiolog\\w*", "heart (doctor|specialist)"));
    EXPLICIT.put(Specialist.NEUROLOGY, words("neurolog\\w*", "brain (doctor|specialist)"));
    EXPLICIT.put(
        Specialist.ORTHOPEDICS,
        words("orthop(a)?edic\\w*", "orthop(a)?edist", "bone (doctor|specialist)"));
    EXPLICIT.put(
        Specialist.AUDIOLOGY,
        words(
            "audiolog\\w*",
            "ent (doctor|specialist)",
            "otolaryngolog\\w*",
            "hearing (doctor|specialist)"));
    EXPLICIT.put(
        Specialist.GENERAL_PHYSICIAN,
        words(
            "general physician",
            "general practitioner",
            "gp",
            "family (doctor|physician)",
            "primary care",
            "internist"));
  }

  private static Pattern words(String... terms) {
    return Pattern.compile(
        "(?<![\\p{L}\\p{N}])(" + String.join("|", terms) + ")(?![\\p{L}\\p{N}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** Number of distinct term occurrences of {@code s} in {@code text}. */
  static int count(Specialist s, String text) {
    Matcher m = TERMS.get(s).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The distinct terms of {@code s} found in {@code text}, in text order. */
  static List<String> terms(Specialist s, String text) {
    Matcher m = TERMS.get(s).matcher(text);
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    while (m.find()) {
      out.add(m.group().toLowerCase(Locale.ROOT));
    }
    return List.copyOf(out);
  }

  static Map<Specialist, Integer> counts(String text) {
    Map<Specialist, Integer> out = new EnumMap<>(Specialist.class);
    for (Specialist s : Specialist.values()) {
      out.put(s, count(s, text));
    }
    return out;
  }

  static List<Specialist> explicit(String text) {
    return EXPLICIT.entrySet().stream()
        .filter(e -> e.getValue().matcher(text).find())
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * How strongly a knowledge-base entry belongs to {@code s}: terms in its focus count double,
   * terms in its title once; the NINDS publisher adds one for neurology, NHLBI for cardiology when
   * the entry names the heart or vessels.
   */
  static int relevance(Specialist s, String focus, String title, String source) {
    int r = 2 * count(s, focus) + count(s, title);
    String src = source.toLowerCase(Locale.ROOT);
    if (s == Specialist.NEUROLOGY && src.contains("ninds")) {
      r++;
    }
    return r;
  }
}
