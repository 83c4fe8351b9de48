package org.meditwin.soap;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.meditwin.nlp.ner.ClinicalEntity;

/**
 * The judge: checks each note sentence against the transcript passages it cites (or, for a sentence
 * without sources, the best-matching passages). SUPPORTED when its content words, numbers and sides
 * are found there; CONTRADICTED on a negation, laterality or number mismatch; UNSUPPORTED
 * otherwise. Deterministic and model-free, so it judges generated text too.
 */
final class TranscriptJudge {
  /** Share of a sentence's content words that must be found in its evidence. */
  static final double SUPPORT_THRESHOLD = 0.7;

  /** Words our own phrasing adds, never expected in the transcript. */
  private static final Set<String> SCAFFOLD =
      Set.copyOf(
          java.util.Arrays.asList(
              "report",
              "deni",
              "deny",
              "denies",
              "take",
              "takes",
              "recommend",
              "advis",
              "advised",
              "likely",
              "consistent",
              "duration",
              "onset",
              "affected",
              "side",
              "clinician",
              "wear",
              "wears",
              "exposure",
              "expos",
              "feeling",
              "feel",
              "medication",
              "medications",
              "allergic",
              "work",
              "works",
              "not",
              "no",
              "ear",
              "present",
              "computed",
              "average",
              "pure-tone",
              "grade",
              "who",
              "asha",
              "hear",
              "hearing",
              "hz",
              "db",
              "hl",
              "air",
              "bone",
              "conduction",
              "right",
              "left",
              "bilateral",
              "ears",
              "pta",
              "find",
              "findings",
              "dose",
              "smoke",
              "drink",
              "does",
              "did",
              "using",
              "mention",
              "note"));

  private static final Set<String> NEGATION_CUES =
      Set.copyOf(
          java.util.Arrays.asList(
              "no",
              "not",
              "denies",
              "deny",
              "denied",
              "never",
              "without",
              "don't",
              "doesn't",
              "didn't",
              "haven't",
              "hasn't",
              "isn't",
              "wasn't",
              "aren't",
              "weren't",
              "none",
              "negative",
              "nope",
              "free",
              "absent",
              "neither",
              "nor"));

  /** Synonyms a clinician writes for what patients say (both directions). */
  private static final Map<String, List<String>> SYNONYMS =
      Map.ofEntries(
          Map.entry(
              "tinnitu",
              List.of(
                  "ring", "ringing", "buzz", "buzzing", "hum", "humming", "whoosh", "hiss",
                  "noise")),
          Map.entry("vertigo", List.of("dizzy", "dizzines", "dizzi", "spin", "spinning", "room")),
          Map.entry("dizzines", List.of("dizzy", "dizzi", "vertigo", "lightheaded", "spin")),
          Map.entry("otalgia", List.of("pain", "ache", "hurt")),
          Map.entry("otorrhea", List.of("drain", "discharge", "fluid")),
          Map.entry("cerumen", List.of("wax", "earwax")),
          Map.entry("dyspnea", List.of("breath", "breathles", "winded")),
          Map.entry("fatigue", List.of("tired", "exhausted", "energy")),
          Map.entry("hypertension", List.of("pressure", "blood")),
          Map.entry("bilateral", List.of("both")),
          Map.entry("hypoacusi", List.of("hear", "hearing")),
          Map.entry("2", List.of("two", "couple")),
          Map.entry("referral", List.of("refer", "send")),
          Map.entry("refer", List.of("referral", "send")));

  private final String transcript;
  private final List<Utterance> utterances;
  private final List<ClinicalEntity> entities;
  private final Set<String> transcriptStems;
  private final Set<String> transcriptNumbers;
  private final Optional<Audiogram> audiogram;
  private final java.util.function.Function<String, List<ClinicalEntity>> ner;

  TranscriptJudge(String transcript, List<ClinicalEntity> entities, Optional<Audiogram> audiogram) {
    this(transcript, entities, audiogram, text -> List.of());
  }

  /**
   * @param ner clinical NER with ConText assertion, applied to the judged sentences so that their
   *     assertions are compared with the transcript's by the same method
   */
  TranscriptJudge(
      String transcript,
      List<ClinicalEntity> entities,
      Optional<Audiogram> audiogram,
      java.util.function.Function<String, List<ClinicalEntity>> ner) {
    this.ner = ner;
    this.transcript = transcript;
    this.utterances = DialogueSplitter.utterances(transcript);
    this.entities = List.copyOf(entities);
    this.transcriptStems = TextSupport.contentStems(transcript);
    this.transcriptNumbers = TextSupport.numbers(transcript);
    this.audiogram = audiogram;
  }

  List<SentenceCheck> check(List<DraftSentence> sentences) {
    List<SentenceCheck> out = new ArrayList<>(sentences.size());
    for (int i = 0; i < sentences.size(); i++) {
      out.add(check(i, sentences.get(i)));
    }
    return out;
  }

  private SentenceCheck check(int index, DraftSentence s) {
    Optional<SentenceCheck> thresholds = thresholdCheck(index, s.text());
    if (thresholds.isPresent()) {
      return thresholds.get();
    }
    if (audiogram.isPresent()) {
      Audiogram a = audiogram.get();
      if (s.text().equals("Audiogram thresholds: " + TemplateFields.describe(a))) {
        return new SentenceCheck(
            index, Verdict.SUPPORTED, "thresholds as stated in the transcript");
      }
      if (HearingAssessment.summary(a).filter(s.text()::equals).isPresent()) {
        return new SentenceCheck(
            index, Verdict.SUPPORTED, "computed from the thresholds stated in the transcript");
      }
    }
    Set<String> stems = new LinkedHashSet<>(TextSupport.contentStems(s.text()));
    stems.removeIf(SCAFFOLD::contains);
    List<Utterance> evidence = evidence(s, stems);
    if (evidence.isEmpty()) {
      return new SentenceCheck(
          index, Verdict.UNSUPPORTED, "nothing in the transcript matches this sentence");
    }
    String ev = join(evidence);
    Set<String> evStems = TextSupport.contentStems(ev);

    // laterality
    Set<String> sSides = TextSupport.sides(s.text());
    Set<String> eSides = TextSupport.sides(ev);
    if (!sSides.isEmpty() && !eSides.isEmpty() && !sidesAgree(sSides, eSides)) {
      return new SentenceCheck(
          index,
          Verdict.CONTRADICTED,
          "laterality mismatch: the sentence says "
              + String.join("/", sSides)
              + ", the transcript says "
              + String.join("/", eSides));
    }

    // numbers
    Set<String> evNumbers = TextSupport.numbers(ev);
    List<String> missingNumbers = new ArrayList<>();
    for (String n : TextSupport.numbers(s.text())) {
      if (!evNumbers.contains(n) && !transcriptNumbers.contains(n) && !computed(n)) {
        missingNumbers.add(n);
      }
    }
    if (!missingNumbers.isEmpty()) {
      Set<String> other = new LinkedHashSet<>(evNumbers);
      if (!other.isEmpty()) {
        return new SentenceCheck(
            index,
            Verdict.CONTRADICTED,
            "number mismatch: "
                + String.join(", ", missingNumbers)
                + " is not in the transcript, which says "
                + String.join(", ", limit(other, 4)));
      }
      return new SentenceCheck(
          index,
          Verdict.UNSUPPORTED,
          "number not in the transcript: " + String.join(", ", missingNumbers));
    }

    // negation: a yes/no answer decides for a question; else the same cue rule on both sides
    // (the sentence's "Denies X" read as "no X"), unless ConText finds the shared concepts
    // asserted alike on both sides
    Optional<Boolean> sNeg = negated(asCues(s.text()), stems, false);
    Optional<Boolean> answer = answerNegated(evidence);
    Optional<Boolean> eNeg = answer.isPresent() ? answer : evidenceNegated(evidence, stems);
    if (sNeg.isPresent() && eNeg.isPresent() && !sNeg.get().equals(eNeg.get())) {
      Optional<String> assertion = assertionMismatch(s.text(), evidence);
      if (answer.isPresent() || assertion.isPresent() || !assertionsAgree(s.text(), evidence)) {
        return new SentenceCheck(
            index,
            Verdict.CONTRADICTED,
            assertion.orElse(
                sNeg.get()
                    ? "negation mismatch: the sentence denies what the transcript affirms"
                    : "negation mismatch: the sentence affirms what the transcript denies"));
      }
    }

    // content coverage
    if (stems.isEmpty()) {
      return new SentenceCheck(index, Verdict.SUPPORTED, "supported by the transcript");
    }
    double covered = 0;
    List<String> missing = new ArrayList<>();
    for (String w : stems) {
      if (found(w, evStems)) {
        covered += 1;
      } else if (found(w, transcriptStems)) {
        covered += 0.5;
      } else {
        missing.add(w);
      }
    }
    double share = covered / stems.size();
    if (share >= SUPPORT_THRESHOLD) {
      return new SentenceCheck(index, Verdict.SUPPORTED, "supported by the transcript");
    }
    return new SentenceCheck(
        index,
        Verdict.UNSUPPORTED,
        String.format(
            Locale.ROOT,
            "only %d%% of its content is in the transcript%s",
            Math.round(share * 100),
            missing.isEmpty() ? "" : " (not found: " + String.join(", ", limit(missing, 5)) + ")"));
  }

  private static final java.util.regex.Pattern THRESHOLD_LIST =
      java.util.regex.Pattern.compile(
          "(?i)\\b(right|left) (air|bone):\\s*((?:\\d+ Hz -?\\d+(?:,\\s*)?)+)");
  private static final java.util.regex.Pattern HZ_DB =
      java.util.regex.Pattern.compile("(\\d+) Hz (-?\\d+)");

  /**
   * A threshold list as the draft writes it ("Right air: 250 Hz 25, 500 Hz 30; …") is checked value
   * by value against the audiogram the transcript states.
   */
  private Optional<SentenceCheck> thresholdCheck(int index, String text) {
    java.util.regex.Matcher m = THRESHOLD_LIST.matcher(text);
    boolean any = false;
    while (m.find()) {
      any = true;
      if (audiogram.isEmpty()) {
        return Optional.of(
            new SentenceCheck(
                index, Verdict.UNSUPPORTED, "the transcript states no audiogram thresholds"));
      }
      Audiogram a = audiogram.get();
      boolean right = m.group(1).equalsIgnoreCase("right");
      boolean bone = m.group(2).equalsIgnoreCase("bone");
      Map<String, Integer> stated =
          bone ? (right ? a.rightBone() : a.leftBone()) : (right ? a.rightAir() : a.leftAir());
      java.util.regex.Matcher p = HZ_DB.matcher(m.group(3));
      while (p.find()) {
        Integer t = stated.get(p.group(1));
        String where =
            m.group(1).toLowerCase(Locale.ROOT)
                + " "
                + m.group(2).toLowerCase(Locale.ROOT)
                + " "
                + p.group(1)
                + " Hz";
        if (t == null) {
          return Optional.of(
              new SentenceCheck(
                  index, Verdict.UNSUPPORTED, "threshold not in the transcript: " + where));
        }
        if (t != Integer.parseInt(p.group(2))) {
          return Optional.of(
              new SentenceCheck(
                  index,
                  Verdict.CONTRADICTED,
                  "number mismatch: "
                      + where
                      + " is "
                      + t
                      + " dB HL in the transcript, not "
                      + p.group(2)));
        }
      }
    }
    return any
        ? Optional.of(
            new SentenceCheck(index, Verdict.SUPPORTED, "thresholds as stated in the transcript"))
        : Optional.empty();
  }

  private boolean computed(String n) {
    if (audiogram.isEmpty()) {
      return false;
    }
    for (boolean right : new boolean[] {true, false}) {
      var pta = audiogram.get().pureToneAverage(right);
      if (pta.isPresent() && HearingAssessment.format(pta.getAsDouble()).equals(n)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> limit(java.util.Collection<String> c, int n) {
    return c.stream().limit(n).toList();
  }

  private static boolean sidesAgree(Set<String> s, Set<String> e) {
    if (e.contains("bilateral") || s.contains("bilateral")) {
      return true;
    }
    for (String x : s) {
      if (e.contains(x)) {
        return true;
      }
    }
    return false;
  }

  private static boolean found(String stem, Set<String> pool) {
    if (pool.contains(stem)) {
      return true;
    }
    List<String> syn = SYNONYMS.get(stem);
    if (syn != null) {
      for (String x : syn) {
        if (pool.contains(x) || pool.contains(TextSupport.stem(x))) {
          return true;
        }
      }
    }
    for (Map.Entry<String, List<String>> e : SYNONYMS.entrySet()) {
      if (e.getValue().contains(stem) && pool.contains(e.getKey())) {
        return true;
      }
    }
    // prefix match for long words ("audiogram" / "audiometry" share no stem; "sensorineural" does)
    if (stem.length() >= 6) {
      for (String p : pool) {
        if (p.length() >= 6 && (p.startsWith(stem.substring(0, 6)))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Source spans for a sentence written without them (generated or typed): the best evidence. */
  List<SourceSpan> locate(String sentence) {
    Set<String> stems = new LinkedHashSet<>(TextSupport.contentStems(sentence));
    stems.removeIf(SCAFFOLD::contains);
    List<SourceSpan> out = new ArrayList<>();
    for (Utterance u :
        evidence(new DraftSentence(Section.SUBJECTIVE, sentence, List.of()), stems)) {
      if (u.turn() >= 0) {
        out.add(u.span());
      }
    }
    return out;
  }

  /** The cited utterances, or for a sentence without valid sources the best-matching ones. */
  private List<Utterance> evidence(DraftSentence s, Set<String> stems) {
    List<Utterance> out = new ArrayList<>();
    for (SourceSpan sp : s.sources()) {
      if (sp.end() > transcript.length()) {
        continue;
      }
      boolean any = false;
      for (Utterance u : utterances) {
        if (u.start() < sp.end() && sp.start() < u.end()) {
          if (!out.contains(u)) {
            out.add(u);
          }
          any = true;
        }
      }
      if (!any && sp.length() > 0) {
        out.add(
            new Utterance(
                -1,
                Speaker.NARRATIVE,
                sp.start(),
                sp.end(),
                transcript.substring(sp.start(), sp.end())));
      }
    }
    if (!out.isEmpty()) {
      return out;
    }
    // no sources: the best-matching utterance, with its answer (for a question) or its question
    // (for an answer)
    int best = -1;
    double bestScore = 0;
    for (int i = 0; i < utterances.size(); i++) {
      Set<String> own = TextSupport.contentStems(utterances.get(i).text());
      double score = 0;
      for (String st : stems) {
        if (found(st, own)) {
          score++;
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best >= 0) {
      Utterance u = utterances.get(best);
      if (best > 0
          && utterances.get(best - 1).question()
          && utterances.get(best - 1).speaker() != u.speaker()
          && !u.question()) {
        out.add(utterances.get(best - 1));
      }
      out.add(u);
      if (u.question() && best + 1 < utterances.size()) {
        out.add(utterances.get(best + 1));
      } else if (best + 1 < utterances.size() && utterances.get(best + 1).turn() == u.turn()) {
        out.add(utterances.get(best + 1));
      }
    }
    return out;
  }

  private static String join(List<Utterance> us) {
    StringBuilder sb = new StringBuilder();
    for (Utterance u : us) {
      sb.append(u.text()).append(' ');
    }
    return sb.toString();
  }

  /**
   * Whether the evidence denies the sentence's topic: a yes/no answer decides for a question; else
   * the transcript's clinical entities (ConText assertion) over the topic; else a negation cue
   * shortly before a topic word.
   */
  private Optional<Boolean> evidenceNegated(List<Utterance> evidence, Set<String> stems) {
    for (int i = 0; i < evidence.size(); i++) {
      Utterance q = evidence.get(i);
      if (q.question() && i + 1 < evidence.size()) {
        Optional<Boolean> yes = ClinicalPhrasing.polarity(evidence.get(i + 1).text());
        if (yes.isPresent()) {
          return Optional.of(!yes.get());
        }
      }
    }
    StringBuilder clean = new StringBuilder();
    for (Utterance u : evidence) {
      clean
          .append(ClinicalPhrasing.stripAnswerParticle(ClinicalPhrasing.normalize(u.text())))
          .append(' ');
    }
    Optional<Boolean> cue = negated(clean.toString(), stems, true);
    if (cue.isPresent()) {
      return cue;
    }
    List<Boolean> votes = new ArrayList<>();
    for (ClinicalEntity e : entities) {
      for (Utterance u : evidence) {
        if (e.start() >= u.start() && e.end() <= u.end()) {
          Set<String> es = TextSupport.contentStems(e.text());
          es.retainAll(stems);
          if (!es.isEmpty()) {
            votes.add(e.negated());
          }
        }
      }
    }
    if (!votes.isEmpty()) {
      long neg = votes.stream().filter(b -> b).count();
      if (neg * 2 != votes.size()) {
        return Optional.of(neg * 2 > votes.size());
      }
    }
    return Optional.empty();
  }

  /**
   * The sentence's own negations as cue words: "Denies X" → "no X", "Does not wear" → "not wear".
   */
  static String asCues(String sentence) {
    return sentence
        .replaceFirst("^(?i)denies\\s+", "no ")
        .replaceFirst("^(?i)does not\\s+", "not ");
  }

  /** For question + answer evidence: true when the answer is no. */
  private static Optional<Boolean> answerNegated(List<Utterance> evidence) {
    for (int i = 0; i + 1 < evidence.size(); i++) {
      if (evidence.get(i).question()) {
        Optional<Boolean> yes = ClinicalPhrasing.polarity(evidence.get(i + 1).text());
        if (yes.isPresent()) {
          return Optional.of(!yes.get());
        }
      }
    }
    return Optional.empty();
  }

  /** ConText gives every concept shared by the sentence and the evidence the same polarity. */
  private boolean assertionsAgree(String sentence, List<Utterance> evidence) {
    boolean shared = false;
    for (ClinicalEntity e : ner.apply(expand(sentence))) {
      String key = e.text().toLowerCase(Locale.ROOT);
      for (Utterance u : evidence) {
        for (ClinicalEntity t : evidenceEntities(u)) {
          if (t.text().toLowerCase(Locale.ROOT).equals(key)) {
            shared = true;
            if (t.negated() != e.negated()) {
              return false;
            }
          }
        }
      }
    }
    return shared;
  }

  /** Contractions spelled out, so negation triggers read the same on both sides. */
  static String expand(String s) {
    return s.replaceAll("(?i)\\bcan't\\b", "cannot")
        .replaceAll("(?i)\\bwon't\\b", "will not")
        .replaceAll("(?i)\\b(\\w+)n't\\b", "$1 not");
  }

  private final Map<Utterance, List<ClinicalEntity>> evidenceEntities = new java.util.HashMap<>();

  private List<ClinicalEntity> evidenceEntities(Utterance u) {
    return evidenceEntities.computeIfAbsent(
        u,
        x ->
            ner.apply(
                expand(
                    ClinicalPhrasing.stripAnswerParticle(ClinicalPhrasing.normalize(x.text())))));
  }

  /**
   * A clinical concept the sentence asserts with the opposite polarity to every mention of it in
   * the evidence (both by ConText); questions answered yes/no are left to the answer rule.
   */
  private Optional<String> assertionMismatch(String sentence, List<Utterance> evidence) {
    if (evidence.stream().anyMatch(Utterance::question)) {
      return Optional.empty();
    }
    for (ClinicalEntity e : ner.apply(expand(sentence))) {
      if (e.type() == org.meditwin.nlp.ner.ClinicalEntityType.ANATOMY) {
        continue;
      }
      String key = e.text().toLowerCase(Locale.ROOT);
      int same = 0;
      int opposite = 0;
      for (Utterance u : evidence) {
        // the same NER on the same clean-up of both texts ("do n't" → "don't"), so that only a
        // real difference in wording can flip an assertion
        for (ClinicalEntity t : evidenceEntities(u)) {
          if (t.text().toLowerCase(Locale.ROOT).equals(key)) {
            if (t.negated() == e.negated()) {
              same++;
            } else {
              opposite++;
            }
          }
        }
      }
      if (opposite > 0 && same == 0) {
        return Optional.of(
            "negation mismatch: '"
                + e.text()
                + "' is "
                + (e.negated() ? "affirmed" : "negated")
                + " in the transcript");
      }
    }
    return Optional.empty();
  }

  private static final java.util.regex.Pattern CUE_TOKEN =
      java.util.regex.Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}]+)*|[,;.()?!]");

  /** "can't hear" affirms a hearing problem: inability is not a negated finding. */
  private static final Set<String> INABILITY = Set.of("can't", "couldn't", "won't", "wouldn't");

  private static final Set<String> LIST_PUNCTUATION = Set.of(",", ";");

  private static final Set<String> BREAKS =
      Set.of(
          ",",
          ";",
          ".",
          "(",
          ")",
          "?",
          "!",
          "but",
          "however",
          "although",
          "though",
          "except",
          "yet");

  /** A negation cue within six words before a topic word (the sentence's own phrasing counts). */
  static Optional<Boolean> negated(String text, Set<String> topic, boolean evidence) {
    java.util.regex.Matcher m = CUE_TOKEN.matcher(text.toLowerCase(Locale.ROOT));
    int neg = 0;
    int pos = 0;
    int scope = 0; // tokens left in the current negation's scope
    boolean first = true;
    boolean leading = false; // "Denies a, b, or c": the sentence's own denial covers its list
    while (m.find()) {
      String t = m.group();
      if (first && !evidence && (t.equals("no") || t.equals("not"))) {
        leading = true;
        scope = Integer.MAX_VALUE;
        first = false;
        continue;
      }
      first = false;
      if (BREAKS.contains(t) && !(leading && LIST_PUNCTUATION.contains(t))) {
        scope = 0;
        leading = false;
        continue;
      }
      if (NEGATION_CUES.contains(t) || (t.endsWith("n't") && !INABILITY.contains(t))) {
        scope = 12;
        continue;
      }
      if (topic.contains(TextSupport.stem(t))) {
        if (scope > 0) {
          neg++;
        } else {
          pos++;
        }
      }
      if (scope > 0 && scope != Integer.MAX_VALUE) {
        scope--;
      }
    }
    if (neg == pos) {
      return Optional.empty();
    }
    return Optional.of(neg > pos);
  }
}
