package org.meditwin.soap;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns spoken sentences into concise clinical note sentences: disfluencies and fillers removed,
 * first-person patient speech and second-person clinician speech put in the third person ("I have
 * had ringing in my left ear for two weeks" → "Reports ringing in the left ear for two weeks."),
 * yes/no answers folded into the question ("Any dizziness?" "No." → "Denies dizziness.").
 */
final class ClinicalPhrasing {
  private ClinicalPhrasing() {}

  /** Words that carry no content in a visit conversation. */
  static final Set<String> FILLERS =
      Set.copyOf(
          java.util.Arrays.asList(
              "okay",
              "ok",
              "alright",
              "all",
              "right",
              "mm-hmm",
              "mhm",
              "mm",
              "hmm",
              "uh-huh",
              "uh",
              "um",
              "umm",
              "uhm",
              "er",
              "ah",
              "oh",
              "yeah",
              "yes",
              "yep",
              "no",
              "nope",
              "sure",
              "great",
              "good",
              "fine",
              "thanks",
              "thank",
              "you",
              "hi",
              "hello",
              "bye",
              "goodbye",
              "so",
              "well",
              "got",
              "it",
              "i",
              "see",
              "perfect",
              "wonderful",
              "sounds",
              "cool",
              "awesome",
              "nice",
              "excellent",
              "exactly",
              "correct",
              "true",
              "absolutely",
              "definitely",
              "and",
              "but",
              "then",
              "now",
              "the",
              "a",
              "that's",
              "that",
              "is",
              "yup",
              "huh",
              "wow",
              "gotcha",
              "fair",
              "enough",
              "really",
              "not",
              "really?",
              "me",
              "too",
              "bit",
              "little",
              "let's",
              "see.",
              "ma'am",
              "sir",
              "understood",
              "certainly",
              "of",
              "course",
              "please"));

  private static final Set<String> BODY =
      Set.copyOf(
          java.util.Arrays.asList(
              "ear",
              "ears",
              "left",
              "right",
              "head",
              "eye",
              "eyes",
              "nose",
              "throat",
              "neck",
              "chest",
              "back",
              "leg",
              "legs",
              "arm",
              "arms",
              "knee",
              "knees",
              "foot",
              "feet",
              "hand",
              "hands",
              "shoulder",
              "shoulders",
              "hip",
              "hips",
              "stomach",
              "belly",
              "abdomen",
              "heart",
              "lungs",
              "skin",
              "blood",
              "hearing",
              "balance",
              "eardrum",
              "eardrums",
              "canal",
              "canals",
              "ankle",
              "ankles",
              "wrist",
              "elbow",
              "finger",
              "fingers",
              "toe",
              "toes",
              "mouth",
              "tongue",
              "teeth",
              "jaw",
              "face",
              "spine",
              "body",
              "bladder",
              "bowels",
              "kidney",
              "kidneys",
              "liver",
              "weight",
              "sugar",
              "sugars",
              "pressure",
              "vision",
              "sleep",
              "mood",
              "memory",
              "both",
              "inner",
              "middle",
              "outer",
              "lower",
              "upper",
              "test",
              "results",
              "labs",
              "symptoms",
              "pain",
              "medications",
              "medication",
              "medicine",
              "medicines",
              "tinnitus",
              "dizziness",
              "audiogram",
              "tympanogram",
              "exam",
              "x-ray",
              "mri",
              "scan"));

  private static final Set<String> MODALS =
      Set.copyOf(
          java.util.Arrays.asList(
              "can",
              "could",
              "will",
              "would",
              "should",
              "might",
              "must",
              "may",
              "can't",
              "couldn't",
              "won't",
              "wouldn't",
              "shouldn't",
              "cannot",
              "did",
              "didn't",
              "was",
              "wasn't",
              "had",
              "hadn't",
              "used"));
  private static final Set<String> ADVERBS =
      Set.copyOf(
          java.util.Arrays.asList(
              "also",
              "just",
              "still",
              "usually",
              "always",
              "never",
              "really",
              "often",
              "sometimes",
              "only",
              "actually",
              "recently",
              "definitely",
              "mostly",
              "generally",
              "probably",
              "occasionally",
              "even",
              "already",
              "constantly",
              "mainly",
              "barely",
              "hardly",
              "kind",
              "sort",
              "certainly"));
  private static final Set<String> IRREGULAR_PAST =
      Set.copyOf(
          java.util.Arrays.asList(
              "had", "got", "went", "felt", "heard", "saw", "took", "came", "made", "thought",
              "said", "told", "began", "knew", "left", "lost", "fell", "broke", "ran", "woke",
              "slept", "ate", "drank", "gave", "found", "kept", "quit", "put", "hurt", "wore",
              "became", "brought", "bought", "sat", "stood", "wrote", "spent", "did", "was",
              "were"));

  // --- normalisation --------------------------------------------------------------------------

  private static final Pattern SPACED_CLITIC =
      Pattern.compile("\\s+(n't|'s|'re|'m|'ve|'ll|'d)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern SPACE_BEFORE_PUNCT = Pattern.compile("\\s+([,.;:?!])");
  private static final Pattern DISFLUENCY =
      Pattern.compile(
          "\\b(?:mm-hmm|uh-huh|mhm|u+h+m*|u+m+|e+r+m*|a+h+|h+m+|mm+|you know|i mean|like,|kinda,?)\\b[,.]?\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern REPEAT =
      Pattern.compile(
          "\\b(\\w+(?:'\\w+)?(?:\\s+\\w+(?:'\\w+)?){0,2})(?:\\s*,?\\s+\\1\\b)+",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LEADING_FILLER =
      Pattern.compile(
          "^(?:(?:so|well|okay|ok|alright|all right|and|oh|now|but|um|uh|right|also|actually|honestly|basically|anyway|see|look|listen)\\b[,.]?\\s*)+",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LEADING_YES_NO =
      Pattern.compile(
          "^(?:(?:yes|yeah|yep|yup|no|nope|nah|sure|right|correct|exactly|not really|mm-hmm|uh-huh)\\b[,.!]?\\s*)+",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern TRAILING_HEDGE =
      Pattern.compile(
          "(?i)[,]?\\s*(?:i think|i guess|i believe|i suppose|you know|or something|or whatever|i don't know)\\s*([.?!]*)$");

  private static final Pattern ANSWER_PARTICLE =
      Pattern.compile(
          "(?i)^(?:(?:yes|yeah|yep|yup|no|nope|nah|sure|right|correct|exactly|mm-hmm|uh-huh)(?:[,.!]+\\s*|\\s+(?=(?:i|i'm|i've|we|it|it's|he|she|they|that|that's|just|but|because|not|well|so|you|my|oh|um|uh)\\b))|not really[,.]?\\s*)+");

  /**
   * Drops a leading yes/no answer particle ("No, I sleep like a rock") but keeps a "no" that
   * negates what follows ("no shortness of breath").
   */
  static String stripAnswerParticle(String t) {
    return ANSWER_PARTICLE.matcher(t).replaceAll("");
  }

  /** Spoken-transcript clean-up: detached clitics, spaced punctuation, disfluencies, repeats. */
  static String normalize(String s) {
    String t = s.replace('\u2019', '\'').replace('\u2018', '\'');
    t = SPACED_CLITIC.matcher(t).replaceAll("$1");
    t = t.replaceAll("(?i)\\bca n't\\b", "can't").replaceAll("(?i)\\bwo n't\\b", "won't");
    t = t.replaceAll("(?i)\\bgon na\\b", "gonna").replaceAll("(?i)\\bwan na\\b", "wanna");
    t = SPACE_BEFORE_PUNCT.matcher(t).replaceAll("$1");
    t = DISFLUENCY.matcher(t).replaceAll("");
    t = t.replaceAll("\\.\\.\\.+|…", " ");
    for (int i = 0; i < 3; i++) {
      t = REPEAT.matcher(t).replaceAll("$1");
    }
    t = t.replaceAll("\\s*,(\\s*,)+", ",").replaceAll("\\s{2,}", " ").strip();
    t = t.replaceAll("^[,;:\\s-]+", "");
    t = TRAILING_HEDGE.matcher(t).replaceAll("$1");
    t = t.replaceAll("(?i),\\s*(?:i think|i guess|i believe|i suppose|you know)\\s*,", ",");
    return t;
  }

  // --- yes/no answers ---------------------------------------------------------------------------

  private static final Pattern YES =
      Pattern.compile(
          "^(?:yes|yeah|yep|yup|i do|i have|i did|i am|i'm|correct|that's right|right|sure|sometimes|a little|a bit|occasionally|definitely|absolutely|mm-hmm|uh-huh|it is|it does|they do)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NO =
      Pattern.compile(
          "^(?:no|nope|nah|not really|not at all|never|i don't|i do not|i haven't|i have not|i didn't|i did not|i'm not|i am not|none|it doesn't|it does not|it isn't|not that i know|not that i've noticed)\\b",
          Pattern.CASE_INSENSITIVE);

  /** {@code true} for a yes, {@code false} for a no, empty for anything else. */
  static Optional<Boolean> polarity(String answer) {
    String a = LEADING_FILLER.matcher(normalize(answer)).replaceAll("");
    if (NO.matcher(a).find()) {
      return Optional.of(false);
    }
    if (YES.matcher(a).find()) {
      return Optional.of(true);
    }
    return Optional.empty();
  }

  private record QuestionForm(Pattern pattern, String yes, String no) {}

  private static final List<QuestionForm> QUESTIONS =
      List.of(
          form(
              "(?:do|did) you (?:ever )?(?:have|get|notice|experience|feel|suffer from|hear)",
              "Reports",
              "Denies"),
          form(
              "(?:have|has) you (?:ever )?(?:had|noticed|experienced|been having|felt|suffered from|been experiencing|got)",
              "Reports",
              "Denies"),
          form(
              "(?:are|were) you (?:having|experiencing|noticing|feeling|getting)",
              "Reports",
              "Denies"),
          form(
              "(?:have|had) you been (?:exposed to|around)",
              "Reports exposure to",
              "Denies exposure to"),
          form(
              "(?:are|were) you (?:exposed to|around)",
              "Reports exposure to",
              "Denies exposure to"),
          form("(?:do|did) you (?:take|use)", "Takes", "Does not take"),
          form("(?:are|were) you (?:taking|on|using)", "Takes", "Does not take"),
          form("(?:do|did) you (?:wear|own)", "Wears", "Does not wear"),
          form("(?:are|were) you (?:wearing)", "Wears", "Does not wear"),
          form("(?:do|did) you smoke", "Smokes", "Does not smoke"),
          form("(?:do|did) you drink", "Drinks", "Does not drink"),
          form("(?:do|did) you work (?:with|around|in)", "Works with", "Does not work with"),
          form("(?:is|was) there(?: ever)?", "Reports", "Denies"),
          form(
              "(?:any|and any|also any|no|how about|what about|and|any other)",
              "Reports",
              "Denies"),
          form(
              "(?:does|did) (?:it|that|this|the \\w+) (?:ever )?(?:cause|come with|give you)",
              "Reports",
              "Denies"),
          form("(?:is|are) (?:there|you) (?:any|still)", "Reports", "Denies"));

  private static QuestionForm form(String lead, String yes, String no) {
    return new QuestionForm(
        Pattern.compile(
            "^(?:so |and |okay |now |also |alright |any |have you |)?"
                + lead
                + "(?:\\s+(?:any |a |an |some |the )?(.+?))?[?.!]*$",
            Pattern.CASE_INSENSITIVE),
        yes,
        no);
  }

  /**
   * Folds a yes/no question and its answer into one sentence ("Any dizziness?" + "No." → "Denies
   * dizziness."); the answer's remaining content is kept in parentheses ("Yes, in my left ear." →
   * "Reports ringing in the ears (in the left ear)."). Empty when the question is not a yes/no
   * question about a finding or the answer is neither yes nor no.
   */
  static Optional<String> answered(String question, String answer) {
    Optional<Boolean> yes = polarity(answer);
    String plain = LEADING_FILLER.matcher(normalize(answer)).replaceAll("").strip();
    boolean qualified = false;
    if (yes.isEmpty()) {
      // "Do you have chest pain?" "Slight cramps." — a short answer with content affirms, qualified
      int words = plain.isEmpty() ? 0 : plain.split("\\s+").length;
      if (words == 0
          || words > 12
          || contentWords(plain) == 0
          || plain.endsWith("?")
          || !QUALIFIER.matcher(plain).lookingAt()) {
        return Optional.empty();
      }
      yes = Optional.of(true);
      qualified = true;
    }
    String q = LEADING_FILLER.matcher(normalize(question)).replaceAll("");
    // the yes/no question is often the last clause: "and, how about other symptoms, have you had a
    // fever?"
    List<Integer> starts = new java.util.ArrayList<>();
    starts.add(0);
    Matcher cut = CLAUSE.matcher(q);
    while (cut.find()) {
      starts.add(cut.end());
    }
    for (int k = starts.size() - 1; k >= 0; k--) {
      String clause = LEADING_FILLER.matcher(q.substring(starts.get(k))).replaceAll("");
      for (QuestionForm f : QUESTIONS) {
        Matcher m = f.pattern().matcher(clause);
        if (!m.matches()) {
          continue;
        }
        String topic =
            m.group(1) == null ? "" : secondToThird(m.group(1)).replaceAll("[,;:]+$", "").strip();
        boolean complete = f.yes().equals("Smokes") || f.yes().equals("Drinks");
        if (topic.isEmpty() && complete) {
          return Optional.of(finish(yes.get() ? f.yes() : f.no()));
        }
        topic =
            topic.replaceAll(
                "(?i)\\s+(?:at all|or anything|or anything like that|or not|lately|recently)$", "");
        if (topic.isBlank()
            || contentWords(topic) == 0
            || topic.split("\\s+").length > 14
            || topic.matches("(?i).*\\b(?:questions?|concerns?)\\b.*")) {
          continue;
        }
        if (qualified && !f.yes().equals("Reports")) {
          return Optional.empty();
        }
        String rest = qualified ? plain : LEADING_YES_NO.matcher(plain).replaceAll("").strip();
        rest = firstToThird(rest).replaceAll("[.?!]+$", "").strip();
        if (rest.length() > 1
            && Character.isUpperCase(rest.charAt(0))
            && Character.isLowerCase(rest.charAt(1))) {
          rest = Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
        }
        String detail =
            contentWords(rest) > 0 && rest.split("\\s+").length <= 20 && !restatesTopic(rest, topic)
                ? " (" + rest + ")"
                : "";
        return Optional.of(finish((yes.get() ? f.yes() : f.no()) + " " + topic + detail));
      }
    }
    return Optional.empty();
  }

  private static final Pattern QUALIFIER =
      Pattern.compile(
          "(?i)(?:just|only|sometimes|occasionally|a little|a bit|slight(?:ly)?|mild(?:ly)?|some|when|mostly|usually|every|once|twice|on and off|off and on|in (?:my|the) (?:left|right)|on (?:my|the) (?:left|right)|(?:my |the )?(?:left|right|both))\\b");

  private static final Pattern CLAUSE = Pattern.compile("[,;]\\s+|\\?\\s+");

  // --- statements
  // ---------------------------------------------------------------------------------

  private static final List<String[]> PATIENT_LEADS =
      List.of(
          new String[] {"i(?:'ve| have) been (?:having|experiencing|getting|noticing)", "Reports"},
          new String[] {
            "i(?:'ve| have) (?:had|got|gotten|experienced|noticed|developed)", "Reports"
          },
          new String[] {"i(?:'m| am) (?:having|experiencing|getting|noticing)", "Reports"},
          new String[] {"i (?:have|get|experience|notice|noticed|had|developed|got)", "Reports"},
          new String[] {
            "i (?:feel like |think |guess )?i (?:can't|cannot|can not|couldn't|could not)",
            "Unable to"
          },
          new String[] {"i(?:'m| am) (?:not able|unable) to", "Unable to"},
          new String[] {"i (?:can't|cannot|can not|couldn't|could not)", "Unable to"},
          new String[] {"i (?:feel|felt) like", "Reports feeling like"},
          new String[] {"i (?:feel|felt)", "Reports feeling"},
          new String[] {"i(?:'ve| have) been feeling", "Reports feeling"},
          new String[] {"i (?:hear|heard)", "Reports hearing"},
          new String[] {
            "i(?:'ve| have) (?:not|never) (?:had|noticed|experienced|been having)", "Denies"
          },
          new String[] {
            "i (?:don't|do not|didn't|did not|haven't|have not|never) (?:have|had|get|got|experience|experienced|notice|noticed)",
            "Denies"
          },
          new String[] {"i (?:don't|do not|didn't|did not) (?:feel|felt)", "Denies feeling"},
          new String[] {"i(?:'m| am) (?:currently )?(?:taking|on)", "Takes"},
          new String[] {"i (?:take|use)", "Takes"},
          new String[] {"i(?:'m| am) allergic to", "Allergic to"},
          new String[] {"i (?:work|worked) (?:as|at|in|with|around)", "Works"},
          new String[] {"i (?:smoke|smoked)", "Smokes"},
          new String[] {"i (?:don't|do not) smoke", "Does not smoke"});

  private static final List<String[]> CLINICIAN_LEADS =
      List.of(
          new String[] {
            "(?:i|we) (?:would )?(?:recommend|suggest|advise)(?: that)?(?: you)?", "Recommend"
          },
          new String[] {
            "(?:i'd|i would|i want|i need|we'd|we want|we need|we would)(?: like)? (?:you|for you) to",
            "Advised to"
          },
          new String[] {"(?:i'm|i am|we're|we are) (?:going to|gonna)", ""},
          new String[] {
            "(?:i'll|i will|we'll|we will|let's|let us|i'd like to|we'd like to|i would like to|i want to|we want to|i'm going to go ahead and|i'll go ahead and|we'll go ahead and)(?: go ahead and)?",
            ""
          },
          new String[] {
            "(?:i|we) (?:wanna|want to|would like to|'d like to|need to|have to|are gonna|'re gonna|'m gonna|am gonna)(?: go ahead and)?",
            ""
          },
          new String[] {"(?:i know|i see|i understand|i hear|i noticed)(?: that)?", ""},
          new String[] {
            "(?:i think|i believe|i suspect|my impression is)(?: that)?(?: this is| it's| it is| you have| you've got)?",
            "Likely"
          },
          new String[] {
            "(?:it looks like|this looks like|it seems like|this is consistent with|that's consistent with)(?: you have| this is| it's)?",
            "Consistent with"
          });

  /**
   * A clinical sentence for one spoken sentence, or empty when it carries no content. Patient
   * speech is put in the third person ("Reports …", "Denies …"); clinician speech addressed to the
   * patient loses its second person ("your ear canals look clear" → "The ear canals look clear.").
   */
  static Optional<String> statement(String sentence, Speaker speaker) {
    String t = LEADING_FILLER.matcher(normalize(sentence)).replaceAll("");
    t = stripAnswerParticle(t);
    t = LEADING_FILLER.matcher(t).replaceAll("").strip();
    if (t.isEmpty() || contentWords(t) == 0) {
      return Optional.empty();
    }
    String out;
    if (speaker == Speaker.CLINICIAN) {
      out = clinician(t);
    } else {
      out = patient(t);
    }
    out = out.replaceAll("[?]+$", "").strip();
    return contentWords(out) == 0 ? Optional.empty() : Optional.of(finish(out));
  }

  private static String patient(String t) {
    t =
        t.replaceAll(
            "(?i)^i (?:just|really|also|still|usually|always|actually|kind of|sort of|definitely)\\s+",
            "i ");
    for (int k = 0; k < PATIENT_LEADS.size(); k++) {
      String[] lead = PATIENT_LEADS.get(k);
      Matcher m = PATIENT_PATTERNS.get(k).matcher(t);
      if (m.matches() && !m.group(1).isBlank()) {
        return (lead[1].isEmpty() ? "" : lead[1] + " ") + firstToThird(m.group(1));
      }
    }
    return firstToThird(t);
  }

  private static final List<Pattern> PATIENT_PATTERNS =
      PATIENT_LEADS.stream()
          .map(
              l ->
                  Pattern.compile(
                      "^" + l[0] + "\\b\\s*(?:a |an |some |any )?(.*)$",
                      Pattern.CASE_INSENSITIVE | Pattern.DOTALL))
          .toList();
  private static final List<Pattern> CLINICIAN_PATTERNS =
      CLINICIAN_LEADS.stream()
          .map(
              l ->
                  Pattern.compile(
                      "^" + l[0] + "\\b\\s*(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL))
          .toList();

  private static final Pattern FINDING =
      Pattern.compile(
          "(?i)\\b(?:i|we) (?:do |also |can |could )?(?:appreciate|see|notice|note|hear|feel|found)\\b");

  private static final Pattern MID_INTENT =
      Pattern.compile(
          "(?i)(,\\s*|\\band\\s+|\\bso\\s+)(?:i'll|i will|we'll|we will|i'm going to|we're going to|i am going to|we are going to|let's|i wanna|i want to|i'm gonna|we're gonna)(?: go ahead and)?\\s+");

  private static String clinician(String t) {
    t = FINDING.matcher(t).replaceAll("there is");
    t = MID_INTENT.matcher(t).replaceAll("$1");
    for (int k = 0; k < CLINICIAN_LEADS.size(); k++) {
      String[] lead = CLINICIAN_LEADS.get(k);
      Matcher m = CLINICIAN_PATTERNS.get(k).matcher(t);
      if (m.matches() && !m.group(1).isBlank()) {
        String rest = secondToThird(m.group(1));
        return lead[1].isEmpty() ? rest : lead[1] + " " + rest;
      }
    }
    return secondToThird(t);
  }

  /** "I have had ringing in my left ear" → "the patient has had ringing in the left ear". */
  static String firstToThird(String s) {
    return swapPerson(s, "i", "i'm", "i've", "i'll", "i'd", "my", "me", "myself", "patient");
  }

  /** "your ear canals look clear" → "the ear canals look clear". */
  static String secondToThird(String s) {
    return swapPerson(
        s, "you", "you're", "you've", "you'll", "you'd", "your", "you", "yourself", "patient");
  }

  private static String swapPerson(
      String s,
      String subj,
      String am,
      String have,
      String will,
      String would,
      String poss,
      String obj,
      String self,
      String who) {
    String[] w = s.split("\\s+");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      String word = w[i];
      Matcher parts = WORD_PARTS.matcher(word);
      parts.matches();
      String lead = parts.group(1);
      String core = parts.group(2);
      String trail = parts.group(3);
      String lc = core.toLowerCase(Locale.ROOT);
      String rep = null;
      if (lc.equals(am)) {
        rep = "the " + who + " is";
      } else if (lc.equals(have)) {
        rep = "the " + who + " has";
      } else if (lc.equals(will)) {
        rep = "the " + who + " will";
      } else if (lc.equals(would)) {
        rep = "the " + who + " would";
      } else if (lc.equals(poss)) {
        String next =
            i + 1 < w.length ? w[i + 1].toLowerCase(Locale.ROOT).replaceAll("[^a-z-]", "") : "";
        rep = BODY.contains(next) ? "the" : "the " + who + "'s";
      } else if (lc.equals(self)) {
        rep = "themself";
      } else if (lc.equals(subj) && (i == 0 || !subj.equals("you") || subjectPosition(w, i))) {
        rep = "the " + who;
        // conjugate the verb that follows (skipping adverbs)
        int j = i + 1;
        while (j < w.length && ADVERBS.contains(w[j].toLowerCase(Locale.ROOT))) {
          j++;
        }
        if (j < w.length) {
          w[j] = third(w[j]);
        }
      } else if (lc.equals(obj) && !lc.equals(subj)) {
        rep = "the " + who;
      } else if (lc.equals(obj)) {
        rep = "the " + who;
      }
      out.append(out.isEmpty() ? "" : " ").append(rep == null ? word : lead + rep + trail);
    }
    return out.toString().replace("the " + who + " the " + who, "the " + who);
  }

  private static final Pattern WORD_PARTS =
      Pattern.compile("^([^\\p{L}']*)(.*?)([^\\p{L}']*)$", Pattern.DOTALL);

  private static boolean subjectPosition(String[] w, int i) {
    String prev = w[i - 1].toLowerCase(Locale.ROOT).replaceAll("[^a-z']", "");
    return Set.of(
                "and", "if", "when", "because", "that", "so", "but", "since", "as", "until",
                "while", "then", "before", "after", "once", "where")
            .contains(prev)
        || w[i - 1].endsWith(",");
  }

  /** Third-person singular of a present-tense verb ("have" → "has", "hear" → "hears"). */
  static String third(String word) {
    String core = word.replaceAll("[^\\p{L}']+$", "");
    String trail = word.substring(core.length());
    String v = core.toLowerCase(Locale.ROOT);
    String r;
    switch (v) {
      case "am", "'m", "are", "'re" -> r = "is";
      case "have", "'ve" -> r = "has";
      case "do" -> r = "does";
      case "don't" -> r = "does not";
      case "go" -> r = "goes";
      case "were" -> r = "was";
      case "aren't" -> r = "is not";
      case "haven't" -> r = "has not";
      default -> {
        if (MODALS.contains(v)
            || IRREGULAR_PAST.contains(v)
            || v.endsWith("ed")
            || v.endsWith("n't")
            || v.length() < 2
            || !v.chars().allMatch(Character::isLetter)) {
          r = core;
        } else if (v.endsWith("s")
            || v.endsWith("sh")
            || v.endsWith("ch")
            || v.endsWith("x")
            || v.endsWith("z")
            || v.endsWith("o")) {
          r = v.endsWith("ss") || !v.endsWith("s") ? core + "es" : core;
        } else if (v.endsWith("y")
            && v.length() > 2
            && "aeiou".indexOf(v.charAt(v.length() - 2)) < 0) {
          r = core.substring(0, core.length() - 1) + "ies";
        } else {
          r = core + "s";
        }
      }
    }
    return r + trail;
  }

  /** Capitalised, single-spaced, ending with one full stop. */
  static String finish(String s) {
    String t = s.replaceAll("\\s{2,}", " ").replaceAll("\\s+([,.;:!?)])", "$1").strip();
    t = t.replaceAll("[.,;:]*\\.{2,}", ".").replaceAll(",\\.", ".").replaceAll("-\\.$", ".");
    t = t.replaceAll("[,;:\\s]+$", "");
    if (t.isEmpty()) {
      return t;
    }
    t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
    t = t.replaceAll("(?<=\\s)i(?=\\s|$)", "I");
    if (!t.endsWith(".") && !t.endsWith("!") && !t.endsWith("?") && !t.endsWith(")")) {
      t = t + ".";
    } else if (t.endsWith(")")) {
      t = t + ".";
    } else if (t.endsWith("!") || t.endsWith("?")) {
      t = t.substring(0, t.length() - 1) + ".";
    }
    return t;
  }

  /** True when every content word of the answer already stands in the question's topic. */
  static boolean restatesTopic(String answer, String topic) {
    Set<String> inTopic =
        new java.util.HashSet<>(
            List.of(topic.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}'-]+")));
    for (String w : answer.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}'-]+")) {
      if (!w.isEmpty()
          && w.chars().anyMatch(Character::isLetterOrDigit)
          && !FILLERS.contains(w)
          && !TextSupport.STOP.contains(w)
          && !w.equals("all")
          && !inTopic.contains(w)) {
        return false;
      }
    }
    return true;
  }

  /** Words that are not fillers or stop words. */
  static int contentWords(String s) {
    int n = 0;
    for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}'-]+")) {
      if (!w.isEmpty()
          && w.chars().anyMatch(Character::isLetterOrDigit)
          && !FILLERS.contains(w)
          && !TextSupport.STOP.contains(w)) {
        n++;
      }
    }
    return n;
  }
}
