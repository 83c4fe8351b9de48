package org.meditwin.soap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a template's structured fields from the draft sentences (each sentence may fill one field)
 * and from patterns in the transcript: onset, laterality, tympanogram type, SRT/WRS, audiogram.
 */
final class TemplateFields {
  private TemplateFields() {}

  private record Rule(String key, Pattern pattern) {}

  private static Rule rule(String key, String regex) {
    return new Rule(key, Pattern.compile("(?i)" + regex));
  }

  /** First matching rule wins; order matters (results before history words). */
  private static final List<Rule> HEARING_RULES =
      List.of(
          rule(
              "tympanometry",
              "\\b(?:tympanogram\\w*|tympanometr\\w*|type (?:a|as|ad|b|c)\\b|middle ear (?:pressure|compliance))"),
          rule(
              "speech",
              "\\b(?:srt|speech reception|word recognition|wrs|speech discrimination|word score|speech (?:testing|audiometry|understanding)|words? correct)"),
          rule(
              "audiogram",
              "\\b(?:audiogram|audiometr\\w*|thresholds?|pure[- ]tone|\\d+ ?(?:db|decibels)|hearing test (?:shows|showed))"),
          rule(
              "otoscopy",
              "\\b(?:otoscop\\w*|ear canals?|canals?|eardrums?|tympanic membranes?|tms?\\b|cerumen|(?:ear ?)?wax)"),
          rule(
              "hearingLossType",
              "\\b(?:sensorineural|conductive|mixed hearing loss|presbycusis|noise[- ]induced hearing loss|otosclerosis)"),
          rule(
              "hearingLossDegree",
              "\\b(?:(?:mild|moderate|moderately severe|severe|profound)(?: to \\w+(?: \\w+)?)? (?:\\w+ )?hearing loss)"),
          rule(
              "followUp",
              "\\b(?:follow[- ]?up|come back|return|recheck|see (?:you|him|her|them) (?:again|back|in)|next (?:visit|appointment)|in \\d+ (?:weeks?|months?|days?))"),
          rule(
              "hearingAids",
              "\\b(?:hearing aids?|amplification|aid fitting|fitting|cochlear implant|hearing devices?)"),
          rule(
              "referral",
              "\\b(?:refer\\w*|ent\\b|otolaryngolog\\w*|mri|neurotolog\\w*|specialist)"),
          rule("tinnitus", "\\b(?:tinnitus|ringing|buzzing|humming|whooshing|hissing|roaring)"),
          rule(
              "vertigo",
              "\\b(?:vertigo|dizz\\w*|spinning|lightheaded\\w*|off balance|balance|unsteady)"),
          rule(
              "noiseExposure",
              "\\b(?:noise|loud|concerts?|factory|machinery|gunfire|firearms?|shooting|hunting|military|construction|power tools|headphones|earbuds|music|hearing protection|ear ?plugs)"),
          rule(
              "onset",
              "\\b(?:started|began|begun|since|onset|ago|sudden\\w*|gradual\\w*|overnight|woke up|for (?:about |the past |the last )?(?:\\d+|a|two|three|four|five|six|several|few) (?:days?|weeks?|months?|years?))"));

  private static final List<Rule> GENERAL_RULES =
      List.of(
          rule("allergies", "\\b(?:allerg\\w+)"),
          rule("medications", "\\b(?:takes|taking|medications?|\\d+ ?(?:mg|milligrams|mcg))"),
          rule(
              "followUp",
              "\\b(?:follow[- ]?up|come back|return|recheck|next (?:visit|appointment)|in \\d+ (?:weeks?|months?|days?))"));

  /** The field a sentence fills, if any. */
  static Optional<String> fieldOf(NoteTemplate t, String sentence, Section section) {
    List<Rule> rules = t == NoteTemplate.HEARING ? HEARING_RULES : GENERAL_RULES;
    String text = TextSupport.numbersToDigits(sentence);
    for (Rule r : rules) {
      if (r.pattern().matcher(text).find() && compatible(t, r.key(), section)) {
        return Optional.of(r.key());
      }
    }
    return Optional.empty();
  }

  private static boolean compatible(NoteTemplate t, String key, Section section) {
    Optional<TemplateField> f = t.field(key);
    if (f.isEmpty()) {
      return false;
    }
    // history fields are subjective; test results are not filled from patient talk
    return f.get().section() == section
        || (f.get().section() == Section.SUBJECTIVE && section == Section.SUBJECTIVE)
        || (key.equals("followUp") && section == Section.PLAN)
        || (key.equals("hearingAids") && section == Section.PLAN);
  }

  /** The section a field's sentences must stand in (results are objective, whoever says them). */
  static Optional<Section> forcedSection(NoteTemplate t, String key, Speaker speaker) {
    if (speaker == Speaker.PATIENT || speaker == Speaker.OTHER) {
      return Optional.empty();
    }
    return switch (key) {
      case "otoscopy", "audiogram", "tympanometry", "speech" -> Optional.of(Section.OBJECTIVE);
      case "referral", "followUp" -> Optional.of(Section.PLAN);
      default -> Optional.empty();
    };
  }

  private static final Pattern ONSET =
      Pattern.compile(
          "(?i)\\b((?:suddenly|sudden(?:ly)?|gradually|overnight)\\b[^.,;]{0,40}|(?:for|since|over) (?:about |the past |the last |around |roughly )?(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|couple of) (?:days?|weeks?|months?|years?)|(?:about |around )?(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|couple of) (?:days?|weeks?|months?|years?) ago|since (?:last )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year|christmas|the \\w+))");
  private static final Pattern TYMP = Pattern.compile("(?i)\\btype\\s*(as|ad|a|b|c)\\b");
  private static final Pattern SRT_KEY =
      Pattern.compile("(?i)\\b(?:srt|speech reception thresholds?|speech thresholds?)\\b");
  private static final Pattern WRS_KEY =
      Pattern.compile(
          "(?i)\\b(?:wrs|word recognition(?: scores?)?|speech discrimination(?: scores?)?|word scores?)\\b");

  /**
   * Field values: structured where a pattern reads the value (onset, laterality, tympanogram,
   * speech, audiogram, degree/type from the audiogram), else the sentences that fill the field.
   */
  static Map<String, String> fill(
      NoteTemplate t,
      String transcript,
      List<DraftSentence> sentences,
      Optional<Audiogram> audiogram) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (DraftSentence s : sentences) {
      s.fieldKey().ifPresent(k -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(s.text()));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (TemplateField f : t.fields()) {
      List<String> v = byKey.get(f.key());
      if (v != null && !v.isEmpty()) {
        out.put(f.key(), String.join(" ", v.stream().distinct().limit(4).toList()));
      }
    }
    // the first subjective sentence that is not an answer to a routine question is the complaint
    if (!out.containsKey("chiefComplaint")) {
      sentences.stream()
          .filter(s -> s.section() == Section.SUBJECTIVE)
          .filter(s -> !s.text().startsWith("Denies") && !s.text().startsWith("Does not"))
          .findFirst()
          .ifPresent(s -> out.put("chiefComplaint", s.text()));
    }
    if (!out.containsKey("history") && t.field("history").isPresent()) {
      List<String> hist =
          sentences.stream()
              .filter(s -> s.section() == Section.SUBJECTIVE)
              .map(DraftSentence::text)
              .limit(6)
              .toList();
      if (!hist.isEmpty()) {
        out.put("history", String.join(" ", hist));
      }
    }
    for (Section sec : List.of(Section.OBJECTIVE, Section.ASSESSMENT, Section.PLAN)) {
      String key =
          switch (sec) {
            case OBJECTIVE -> "examination";
            case ASSESSMENT -> "assessment";
            default -> "plan";
          };
      if (t.field(key).isPresent() && !out.containsKey(key)) {
        List<String> v =
            sentences.stream().filter(s -> s.section() == sec).map(DraftSentence::text).toList();
        if (!v.isEmpty()) {
          out.put(key, String.join(" ", v));
        }
      }
    }
    if (t == NoteTemplate.HEARING) {
      hearing(transcript, sentences, audiogram, out);
      if (!out.containsKey("hearingLossDegree")) {
        statedDegree(sentences).ifPresent(d -> out.put("hearingLossDegree", d));
      }
    }
    return out;
  }

  private static final Pattern STATED_DEGREE =
      Pattern.compile(
          "(?i)\\b((?:mild|moderate|moderately severe|severe|profound)(?: to (?:mild|moderate|moderately severe|severe|profound))?)\\b(?: \\w+){0,2}? hearing loss");

  /**
   * The degree of hearing loss as the clinician stated it in an assessment or objective sentence
   * ("a mild sensorineural hearing loss in the left ear" → "left mild"), when no audiogram gives
   * it: a sentence fills one field, so one that names both type and degree fills the type.
   */
  static Optional<String> statedDegree(List<DraftSentence> sentences) {
    List<String> found = new ArrayList<>();
    for (DraftSentence s : sentences) {
      if (s.section() != Section.ASSESSMENT && s.section() != Section.OBJECTIVE) {
        continue;
      }
      Matcher m = STATED_DEGREE.matcher(s.text());
      while (m.find()) {
        Set<String> sides = TextSupport.sides(s.text());
        String side =
            sides.contains("bilateral") || (sides.contains("left") && sides.contains("right"))
                ? "bilateral "
                : sides.isEmpty() ? "" : sides.iterator().next() + " ";
        found.add(side + m.group(1).toLowerCase(Locale.ROOT));
      }
    }
    return found.isEmpty()
        ? Optional.empty()
        : Optional.of(String.join("; ", found.stream().distinct().toList()));
  }

  private static void hearing(
      String transcript,
      List<DraftSentence> sentences,
      Optional<Audiogram> audiogram,
      Map<String, String> out) {
    // onset and laterality from the subjective sentences' sources
    StringBuilder subjective = new StringBuilder();
    for (DraftSentence s : sentences) {
      if (s.section() == Section.SUBJECTIVE) {
        subjective.append(s.text()).append(' ');
      }
    }
    Matcher m = ONSET.matcher(subjective);
    if (m.find()) {
      out.put("onset", m.group(1).strip());
    }
    Set<String> sides = new LinkedHashSet<>();
    for (DraftSentence s : sentences) {
      if (s.section() == Section.SUBJECTIVE
          && Pattern.compile("(?i)\\b(?:hear|hearing|ear|ears|tinnitus|ringing|muffled|deaf)")
              .matcher(s.text())
              .find()) {
        sides.addAll(TextSupport.sides(s.text()));
      }
    }
    if (!sides.isEmpty()) {
      out.put(
          "laterality",
          sides.contains("bilateral") || (sides.contains("left") && sides.contains("right"))
              ? "bilateral"
              : sides.iterator().next());
    }
    // tympanometry per ear
    List<String> tymp = new ArrayList<>();
    List<String> srt = new ArrayList<>();
    List<String> wrs = new ArrayList<>();
    for (Utterance u : DialogueSplitter.utterances(transcript)) {
      String text = TextSupport.numbersToDigits(u.text());
      Matcher tm = TYMP.matcher(text);
      while (tm.find()) {
        String after =
            text.substring(tm.end(), Math.min(text.length(), tm.end() + 25))
                .toLowerCase(Locale.ROOT);
        Matcher am = Pattern.compile("^[^\\d]*?\\b(left|right|both)\\b").matcher(after);
        String side = am.find() ? am.group(1) : nearestSide(text, tm.start());
        tymp.add(
            (side.isEmpty() ? "" : side + " ") + "type " + tm.group(1).toUpperCase(Locale.ROOT));
      }
      if (Pattern.compile("(?i)tympanogram\\w*\\b[^.]{0,30}\\bflat").matcher(text).find()) {
        tymp.add("flat (type B)");
      }
      srt.addAll(perEar(text, SRT_KEY, "(-?\\d{1,3})\\s*(?:db(?:\\s*hl)?)?", " dB HL"));
      wrs.addAll(perEar(text, WRS_KEY, "(\\d{1,3})\\s*(?:%|percent)", "%"));
    }
    if (!tymp.isEmpty()) {
      out.put(
          "tympanometry",
          "Tympanometry: " + String.join(", ", tymp.stream().distinct().toList()) + ".");
    }
    if (!srt.isEmpty() || !wrs.isEmpty()) {
      List<String> parts = new ArrayList<>();
      if (!srt.isEmpty()) {
        parts.add("SRT " + String.join(", ", srt.stream().distinct().toList()));
      }
      if (!wrs.isEmpty()) {
        parts.add("WRS " + String.join(", ", wrs.stream().distinct().toList()));
      }
      out.put("speech", String.join("; ", parts) + ".");
    }
    audiogram.ifPresent(
        a -> {
          out.put("audiogram", describe(a));
          for (boolean right : new boolean[] {true, false}) {
            a.pureToneAverage(right)
                .ifPresent(
                    pta ->
                        out.merge(
                            "hearingLossDegree",
                            (right ? "right " : "left ")
                                + HearingAssessment.degree(pta)
                                + " (PTA "
                                + HearingAssessment.format(pta)
                                + " dB HL)",
                            (x, y) -> x.contains("(PTA") ? x + "; " + y : x));
            HearingAssessment.type(
                    right ? a.rightAir() : a.leftAir(), right ? a.rightBone() : a.leftBone())
                .ifPresent(
                    ty ->
                        out.merge(
                            "hearingLossType",
                            (right ? "right " : "left ") + ty,
                            (x, y) -> x.startsWith("right ") ? x + "; " + y : x));
          }
        });
  }

  /**
   * Values after a keyword up to the next test keyword, each with its ear: "SRT was 35 dB on the
   * right and 40 dB on the left" → right 35 dB HL, left 40 dB HL.
   */
  private static List<String> perEar(String text, Pattern key, String value, String unit) {
    List<String> out = new ArrayList<>();
    Matcher k = key.matcher(text);
    if (!k.find()) {
      return out;
    }
    int end = text.length();
    for (Pattern other : List.of(SRT_KEY, WRS_KEY, TYMP)) {
      Matcher o = other.matcher(text);
      if (other != key && o.find(k.end()) && o.start() < end) {
        end = o.start();
      }
    }
    String seg = text.substring(k.end(), end);
    Matcher v = Pattern.compile("(?i)" + value).matcher(seg);
    while (v.find()) {
      String after =
          seg.substring(v.end(), Math.min(seg.length(), v.end() + 25)).toLowerCase(Locale.ROOT);
      String side = "";
      Matcher sm = Pattern.compile("^[^\\d]*?\\b(left|right|both)\\b").matcher(after);
      if (sm.find()) {
        side = sm.group(1);
      } else {
        side = nearestSide(text, k.end() + v.start());
      }
      out.add((side.isEmpty() ? "" : side + " ") + v.group(1) + unit);
    }
    return out;
  }

  private static String nearestSide(String text, int at) {
    String before = text.substring(Math.max(0, at - 40), at).toLowerCase(Locale.ROOT);
    String after = text.substring(at, Math.min(text.length(), at + 40)).toLowerCase(Locale.ROOT);
    int l = before.lastIndexOf("left");
    int r = before.lastIndexOf("right");
    if (l >= 0 || r >= 0) {
      return l > r ? "left" : "right";
    }
    int la = after.indexOf("left");
    int ra = after.indexOf("right");
    if (la >= 0 && (ra < 0 || la < ra)) {
      return "left";
    }
    return ra >= 0 ? "right" : "";
  }

  /** "Right air: 250 Hz 25, 500 Hz 30 …; Left air: …" */
  static String describe(Audiogram a) {
    List<String> parts = new ArrayList<>();
    add(parts, "Right air", a.rightAir());
    add(parts, "Left air", a.leftAir());
    add(parts, "Right bone", a.rightBone());
    add(parts, "Left bone", a.leftBone());
    return String.join("; ", parts) + " (dB HL).";
  }

  private static void add(List<String> parts, String label, Map<String, Integer> m) {
    if (m.isEmpty()) {
      return;
    }
    List<String> v = new ArrayList<>();
    m.forEach((f, db) -> v.add(f + " Hz " + db));
    parts.add(label + ": " + String.join(", ", v));
  }
}
