package org.meditwin.soap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.meditwin.nlp.ner.ClinicalEntity;
import org.meditwin.nlp.ner.ClinicalEntityType;

/**
 * Transcript → candidate note sentences with sources: speaker turns and sentences, yes/no answers
 * folded into their questions, third-person rewriting, small talk dropped, duplicates merged.
 * Sections are assigned afterwards (speaker, headings, classifier).
 */
final class ExtractiveDrafter {
  private ExtractiveDrafter() {}

  /** A sentence of the draft before its section is final. */
  record Candidate(
      String text,
      List<SourceSpan> sources,
      Speaker speaker,
      Optional<Section> fixed,
      String spoken) {}

  private static final Pattern SMALL_TALK =
      Pattern.compile(
          "(?i)\\b(?:how are you|how's it going|nice to (?:meet|see)|good to see|good morning|good afternoon|thank you|thanks|have a seat|take a seat|dax|any questions|do you have any questions|see you|take care|bye|let me (?:take a look|look|see|check|pull)|how have you been|come on in|my name is|i'm doctor|i'm dr|nice day|weather|traffic|parking|alright then|sounds good|that's good|that's great|i'd like to tell|the nurse told you|(?:i'm |i am |let me |i'll |i will |we'll )?(?:tak(?:e|ing) a (?:quick )?look|look(?:ing)? in(?:to)? (?:your|the)|examine you|have a look|check your ears now)|(?:do|doing|perform) (?:a |your )?(?:quick )?(?:physical )?exam(?:ination)?\\b|show me|pull up|hey,? dragon|dragon|let's review|i'm going to review|review (?:your|the) results)\\b");
  private static final Pattern HARD_DROP =
      Pattern.compile(
          "(?i)^(?:\\W*(?:so|okay|and|now|alright|um|uh)\\W+)*(?:show me|pull up|hey,? dragon|dragon,|let me (?:see|look|pull|check)|let's (?:take a look|look|go ahead and take a look))\\b");
  static final Pattern CLINICAL_SIGNAL =
      Pattern.compile(
          "(?i)\\b(?:\\d+|pain|hear\\w*|ear\\w*|tinnitus|ringing|buzzing|dizz\\w+|vertigo|spinning|balance|noise|loud|exam\\w*|otoscop\\w+|canal|eardrum|tympan\\w+|audiogram|thresholds?|db|decibels?|hertz|khz|srt|word recognition|wax|cerumen|normal|clear|intact|swollen|swelling|red|tender|murmur|lungs|heart|blood|pressure|sugar|weight|fever|cough|breath\\w*|nausea|vomit\\w*|rash|mg|milligrams?|dose|daily|twice|tablet|pill|medication\\w*|medicine|prescri\\w+|refer\\w*|follow[- ]?up|come back|return|weeks?|months?|years?|days?|schedul\\w+|order\\w*|test\\w*|x-?ray|mri|ct|scan|labs?|results?|diagnos\\w+|likely|consistent|infection|surgery|history|allerg\\w+|smok\\w+|alcohol|drink\\w*|work\\w*|hearing aids?|aid|device|fitting|loss|sensorineural|conductive|mixed|mild|moderate|severe|profound|recommend\\w*|start|stop|continue|increase|decrease|therapy|physical|counsel\\w*|sleep|tired|fatigue|headache|swell\\w*|numb\\w*|tingl\\w*|injur\\w+|fell|fall|sore|infection|drain\\w*|fluid|itch\\w*|fullness|pressure|muffled|sudden\\w*|gradual\\w*|worse|better|improv\\w+)\\b");
  private static final Pattern HOW_LONG =
      Pattern.compile("(?i)\\b(?:how long|since when|for how long)\\b");
  private static final Pattern WHEN_START =
      Pattern.compile(
          "(?i)\\bwhen did (?:it|this|that|the \\w+|these|they|you first)\\b.*\\b(?:start|begin|notice|happen)");
  private static final Pattern SUDDEN_OR_GRADUAL =
      Pattern.compile("(?i)\\b(?:sudden(?:ly)?|gradual(?:ly)?|all at once|slowly)\\b");
  private static final Pattern WHICH_SIDE = Pattern.compile("(?i)\\bwhich (?:ear|side|one)\\b");

  static List<Candidate> candidates(String transcript, List<ClinicalEntity> entities) {
    List<Utterance> us = DialogueSplitter.utterances(transcript);
    List<Candidate> out = new ArrayList<>();
    Set<Integer> consumed = new TreeSet<>();
    Optional<Section> heading = Optional.empty();
    for (int i = 0; i < us.size(); i++) {
      if (consumed.contains(i)) {
        continue;
      }
      Utterance u = us.get(i);
      String text = u.text();
      int start = u.start();
      if (u.speaker() == Speaker.NARRATIVE || u.speaker() == Speaker.CLINICIAN) {
        Optional<RuleSections.Heading> h = RuleSections.heading(text);
        if (h.isPresent()) {
          heading = Optional.of(h.get().section());
          text = text.substring(h.get().length());
          start += h.get().length();
          if (text.isBlank()) {
            continue;
          }
        } else if (u.speaker() == Speaker.CLINICIAN) {
          heading = Optional.empty();
        }
      }
      Utterance v = new Utterance(u.turn(), u.speaker(), start, u.end(), text);
      if (v.question() && v.speaker() != Speaker.PATIENT) {
        int a = firstOfNextTurn(us, i);
        if (a >= 0 && us.get(a).speaker() != v.speaker()) {
          Utterance ans = us.get(a);
          Optional<String> folded = ClinicalPhrasing.answered(v.text(), ans.text());
          if (folded.isPresent()) {
            out.add(
                new Candidate(
                    folded.get(),
                    List.of(v.span(), ans.span()),
                    Speaker.PATIENT,
                    Optional.of(Section.SUBJECTIVE),
                    v.text() + " " + ans.text()));
            consumed.add(a);
            continue;
          }
          String prefix =
              HOW_LONG.matcher(v.text()).find()
                  ? "Duration: "
                  : WHEN_START.matcher(v.text()).find()
                          || SUDDEN_OR_GRADUAL.matcher(v.text()).find()
                      ? "Onset: "
                      : WHICH_SIDE.matcher(v.text()).find() ? "Affected side: " : "";
          if (!prefix.isEmpty()) {
            int last = a;
            StringBuilder whole = new StringBuilder(ans.text());
            while (last + 1 < us.size()
                && us.get(last + 1).turn() == ans.turn()
                && whole.length() + us.get(last + 1).text().length() < 160) {
              last++;
              String next = us.get(last).text();
              if (next.length() > 1 && Character.isLowerCase(next.charAt(1))) {
                next = Character.toLowerCase(next.charAt(0)) + next.substring(1);
              }
              whole.append(' ').append(next);
            }
            String joined = whole.toString().replaceAll("[.!]\\s+(?=\\S)", ", ");
            Optional<String> s = ClinicalPhrasing.statement(joined, ans.speaker());
            if (s.isPresent() && joined.split("\\s+").length <= 25) {
              String body = s.get();
              body = Character.toLowerCase(body.charAt(0)) + body.substring(1);
              List<SourceSpan> src = new ArrayList<>(List.of(v.span()));
              for (int k = a; k <= last; k++) {
                src.add(us.get(k).span());
                consumed.add(k);
              }
              out.add(
                  new Candidate(
                      prefix + body,
                      src,
                      Speaker.PATIENT,
                      Optional.of(Section.SUBJECTIVE),
                      v.text() + " " + joined));
              continue;
            }
          }
        }
        continue; // an unanswered or open question is not note content
      }
      if (v.question()) {
        continue;
      }
      if (HARD_DROP.matcher(ClinicalPhrasing.normalize(v.text())).find()) {
        continue;
      }
      if (SMALL_TALK.matcher(v.text()).find()
          && !hasEntity(entities, v)
          && ClinicalPhrasing.contentWords(v.text()) < 6) {
        continue;
      }
      Optional<String> s = ClinicalPhrasing.statement(v.text(), v.speaker());
      if (s.isEmpty() || !keep(v, s.get(), entities)) {
        continue;
      }
      out.add(
          new Candidate(
              s.get(),
              List.of(v.span()),
              v.speaker(),
              heading.or(() -> speechAct(s.get(), v.speaker())),
              v.text()));
    }
    return dedupe(out);
  }

  /**
   * The section a clinician's speech act implies once rephrased: an impression ("Likely …",
   * "Consistent with …") is assessment, a recommendation or instruction plan.
   */
  static Optional<Section> speechAct(String rewritten, Speaker speaker) {
    if (speaker != Speaker.CLINICIAN) {
      return Optional.empty();
    }
    if (rewritten.startsWith("Likely ") || rewritten.startsWith("Consistent with ")) {
      return Optional.of(Section.ASSESSMENT);
    }
    if (rewritten.startsWith("Recommend ") || rewritten.startsWith("Advised to ")) {
      return Optional.of(Section.PLAN);
    }
    return Optional.empty();
  }

  private static int firstOfNextTurn(List<Utterance> us, int i) {
    int turn = us.get(i).turn();
    for (int j = i + 1; j < us.size(); j++) {
      if (us.get(j).turn() != turn) {
        return us.get(j).turn() == turn + 1 ? j : -1;
      }
    }
    return -1;
  }

  private static boolean hasEntity(List<ClinicalEntity> entities, Utterance u) {
    for (ClinicalEntity e : entities) {
      if (e.start() < u.end() && u.start() < e.end() && e.type() != ClinicalEntityType.ANATOMY) {
        return true;
      }
    }
    return false;
  }

  private static boolean keep(Utterance u, String rewritten, List<ClinicalEntity> entities) {
    int content = ClinicalPhrasing.contentWords(rewritten);
    boolean signal = hasEntity(entities, u) || CLINICAL_SIGNAL.matcher(u.text()).find();
    return switch (u.speaker()) {
      case CLINICIAN -> content >= 2 && signal;
      case NARRATIVE -> content >= 1;
      case PATIENT, OTHER -> content >= 2 && (signal || content >= 4);
    };
  }

  /**
   * Merges near-duplicates (content-stem Jaccard ≥ 0.7, or one contained in a longer one): the
   * longer wording is kept with the sources of both.
   */
  static List<Candidate> dedupe(List<Candidate> in) {
    List<Candidate> out = new ArrayList<>();
    List<Set<String>> stems = new ArrayList<>();
    for (Candidate c : in) {
      Set<String> s = TextSupport.contentStems(c.text());
      int dup = -1;
      for (int k = 0; k < out.size(); k++) {
        Set<String> o = stems.get(k);
        if (s.isEmpty() || o.isEmpty()) {
          continue;
        }
        int inter = 0;
        for (String w : s) {
          if (o.contains(w)) {
            inter++;
          }
        }
        double jaccard = inter / (double) (s.size() + o.size() - inter);
        boolean contained =
            inter == Math.min(s.size(), o.size()) && Math.min(s.size(), o.size()) >= 3;
        boolean sameNegation = negative(c.text()) == negative(out.get(k).text());
        if ((jaccard >= 0.7 || contained)
            && sameNegation
            && TextSupport.numbers(c.text()).equals(TextSupport.numbers(out.get(k).text()))) {
          dup = k;
          break;
        }
      }
      if (dup < 0) {
        out.add(c);
        stems.add(s);
      } else {
        Candidate keep = out.get(dup);
        List<SourceSpan> src = new ArrayList<>(keep.sources());
        for (SourceSpan sp : c.sources()) {
          if (!src.contains(sp)) {
            src.add(sp);
          }
        }
        src.sort(Comparator.naturalOrder());
        boolean longer = c.text().length() > keep.text().length();
        out.set(
            dup,
            new Candidate(
                longer ? c.text() : keep.text(), src, keep.speaker(), keep.fixed(), keep.spoken()));
        if (longer) {
          stems.set(dup, s);
        }
      }
    }
    return out;
  }

  private static boolean negative(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return l.startsWith("denies")
        || l.startsWith("does not")
        || l.contains(" not ")
        || l.contains("n't")
        || l.startsWith("no ");
  }
}
