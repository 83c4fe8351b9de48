package org.meditwin.imaging.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meditwin.imaging.report.ReportCheck.Verdict;

/**
 * Checks every sentence of a report against the structured findings: numbers that no measurement,
 * model output or acquisition parameter gives; a side (left/right) that contradicts the model's
 * heat map or a measurement's label, or that nothing states; finding terms the model did not
 * output, or whose model output says the opposite; and structured findings the report leaves out.
 * Deterministic, rule-based and conservative: a flag asks the clinician to look, it never edits.
 */
public final class ReportValidator {
  private ReportValidator() {}

  /** Finding terms a report may assert; a term must come from a model output or a measurement. */
  static final List<String> FINDING_TERMS =
      List.of(
          "pneumonia",
          "consolidation",
          "effusion",
          "pneumothorax",
          "nodule",
          "mass",
          "fracture",
          "cardiomegaly",
          "atelectasis",
          "edema",
          "oedema",
          "opacity",
          "infiltrate",
          "haemorrhage",
          "hemorrhage",
          "infarct",
          "tumour",
          "tumor",
          "lesion",
          "cyst",
          "stenosis",
          "aneurysm",
          "embolism",
          "calcification",
          "lymphadenopathy",
          "metastasis",
          "metastases",
          "emphysema",
          "fibrosis");

  private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+(?=\\S)");
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![\\p{L}\\d.])(\\d+(?:[.,]\\d+)?)\\s*(%|mm²|mm2|cm²|cm2|mm|cm|hu|kvp|kv|mas)?(?![\\p{L}\\d])",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LEFT = Pattern.compile("\\bleft\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern RIGHT = Pattern.compile("\\bright\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern BOTH =
      Pattern.compile("\\b(bilateral(ly)?|both)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern NEGATION =
      Pattern.compile(
          "\\b(no|not|without|negative for|absent|free of|rules? out|ruled out|unlikely|does not"
              + " support|no evidence of)\\b",
          Pattern.CASE_INSENSITIVE);

  /** The sentences of one section, in order. */
  public static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String s : SENTENCE.split(text.strip())) {
      String t = s.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** Every sentence's verdict, then one MISSING check per structured finding not mentioned. */
  public static List<ReportCheck> validate(ReportContent content, StructuredFindings facts) {
    List<ReportCheck> checks = new ArrayList<>();
    for (ReportSection section : ReportSection.values()) {
      List<String> sentences = sentences(content.section(section));
      for (int i = 0; i < sentences.size(); i++) {
        checks.add(check(section, i, sentences.get(i), facts));
      }
    }
    checks.addAll(missing(content, facts));
    return checks;
  }

  static ReportCheck check(
      ReportSection section, int index, String sentence, StructuredFindings f) {
    // model names/versions, measurement labels, the contrast agent are quoted, not claims
    String lower = sentence.toLowerCase(Locale.ROOT);
    for (ModelFinding m : f.modelFindings()) {
      lower = remove(lower, m.modelName().toLowerCase(Locale.ROOT));
      lower = remove(lower, " " + m.modelVersion().toLowerCase(Locale.ROOT) + " ");
    }
    String scrubbed = lower;
    for (Measurement m : f.measurements()) {
      scrubbed = remove(scrubbed, m.label().toLowerCase(Locale.ROOT).strip());
    }
    scrubbed = remove(scrubbed, f.technique().contrastAgent().toLowerCase(Locale.ROOT));
    scrubbed = remove(scrubbed, f.technique().bodyPart().toLowerCase(Locale.ROOT));
    // 1. findings asserted or denied
    for (ModelFinding m : f.modelFindings()) {
      String label = m.label().toLowerCase(Locale.ROOT);
      if (label.isBlank() || !mentions(lower, label)) {
        continue;
      }
      boolean statesItsProbability = statesPercent(scrubbed, m.probability());
      boolean negated = negated(lower, label);
      if (!statesItsProbability) {
        if (m.positive() && negated) {
          return verdict(
              section,
              index,
              sentence,
              Verdict.CONTRADICTED,
              "the model reports " + m.label() + " (" + m.percent() + ")");
        }
        if (!m.positive() && !negated) {
          return verdict(
              section,
              index,
              sentence,
              Verdict.CONTRADICTED,
              "the model gives " + m.label() + " only " + m.percent());
        }
      }
    }
    for (String term : FINDING_TERMS) {
      if (!mentions(lower, term) || isModelLabel(term, f) || inMeasurementLabel(term, f)) {
        continue;
      }
      return verdict(
          section,
          index,
          sentence,
          Verdict.UNSUPPORTED,
          "\"" + term + "\" is not among the model outputs or measurements");
    }
    // 2. sides
    boolean left = LEFT.matcher(lower).find();
    boolean right = RIGHT.matcher(lower).find();
    boolean both = BOTH.matcher(lower).find();
    if (left || right || both) {
      Optional<ReportCheck> side = side(section, index, sentence, lower, left, right, both, f);
      if (side.isPresent()) {
        return side.get();
      }
    }
    // 3. numbers
    Matcher n = NUMBER.matcher(scrubbed);
    while (n.find()) {
      double value;
      try {
        value = Double.parseDouble(n.group(1).replace(',', '.'));
      } catch (NumberFormatException e) {
        continue;
      }
      String unit = n.group(2) == null ? "" : n.group(2).toLowerCase(Locale.ROOT);
      if (!supported(value, unit, f)) {
        return verdict(
            section,
            index,
            sentence,
            Verdict.UNSUPPORTED,
            "the number "
                + n.group().strip()
                + " is not in the measurements, model outputs or"
                + " acquisition parameters");
      }
    }
    return verdict(section, index, sentence, Verdict.SUPPORTED, "consistent with the findings");
  }

  private static Optional<ReportCheck> side(
      ReportSection section,
      int index,
      String sentence,
      String lower,
      boolean left,
      boolean right,
      boolean both,
      StructuredFindings f) {
    String stated = both || (left && right) ? "bilateral" : left ? "left" : "right";
    boolean referenced = false;
    for (ModelFinding m : f.modelFindings()) {
      if (m.label().isBlank() || !mentions(lower, m.label().toLowerCase(Locale.ROOT))) {
        continue;
      }
      referenced = true;
      if (m.side().isEmpty()) {
        return Optional.of(
            verdict(
                section,
                index,
                sentence,
                Verdict.UNSUPPORTED,
                "no structured finding gives a side for " + m.label()));
      }
      if (!m.side().get().equals(stated)) {
        return Optional.of(
            verdict(
                section,
                index,
                sentence,
                Verdict.CONTRADICTED,
                "the model's heat map for " + m.label() + " is " + sideText(m.side().get())));
      }
    }
    for (Measurement m : f.measurements()) {
      String label = m.label().toLowerCase(Locale.ROOT);
      String core = label.replaceAll("\\b(left|right|bilateral)\\b", " ").strip();
      if (core.isBlank() || !lower.contains(core)) {
        continue;
      }
      referenced = true;
      Optional<String> side = sideOf(label);
      if (side.isEmpty()) {
        return Optional.of(
            verdict(
                section,
                index,
                sentence,
                Verdict.UNSUPPORTED,
                "the measurement \"" + m.label() + "\" has no side"));
      }
      if (!side.get().equals(stated)) {
        return Optional.of(
            verdict(
                section,
                index,
                sentence,
                Verdict.CONTRADICTED,
                "the measurement \"" + m.label() + "\" is " + sideText(side.get())));
      }
    }
    if (referenced) {
      return Optional.empty();
    }
    Set<String> known = new LinkedHashSet<>();
    f.modelFindings().forEach(m -> m.side().ifPresent(known::add));
    f.measurements().forEach(m -> sideOf(m.label().toLowerCase(Locale.ROOT)).ifPresent(known::add));
    if (!known.contains(stated)) {
      return Optional.of(
          verdict(
              section,
              index,
              sentence,
              Verdict.UNSUPPORTED,
              known.isEmpty()
                  ? "no structured finding gives a side"
                  : "the structured findings are "
                      + String.join(", ", known.stream().map(ReportValidator::sideText).toList())));
    }
    return Optional.empty();
  }

  private static String sideText(String side) {
    return side.equals("bilateral") ? "bilateral" : "on the " + side;
  }

  private static Optional<String> sideOf(String label) {
    boolean l = LEFT.matcher(label).find();
    boolean r = RIGHT.matcher(label).find();
    if (BOTH.matcher(label).find() || (l && r)) {
      return Optional.of("bilateral");
    }
    return l ? Optional.of("left") : r ? Optional.of("right") : Optional.empty();
  }

  static List<ReportCheck> missing(ReportContent content, StructuredFindings f) {
    String body = (content.findings() + " " + content.impression()).toLowerCase(Locale.ROOT);
    List<ReportCheck> out = new ArrayList<>();
    for (ModelFinding m : f.modelFindings()) {
      if (!m.label().isBlank() && !mentions(body, m.label().toLowerCase(Locale.ROOT))) {
        out.add(
            new ReportCheck(
                ReportSection.FINDINGS,
                -1,
                "",
                Verdict.MISSING,
                "the model output " + m.label() + " (" + m.percent() + ") is not mentioned"));
      }
    }
    String scrubbedBody = body;
    for (Measurement m : f.measurements()) {
      String label = m.label().toLowerCase(Locale.ROOT).strip();
      boolean byLabel = !label.isEmpty() && body.contains(label);
      boolean byNumber = false;
      Matcher n = NUMBER.matcher(scrubbedBody);
      while (n.find() && !byNumber) {
        try {
          double v = Double.parseDouble(n.group(1).replace(',', '.'));
          byNumber = close(v, m.numbers().getFirst());
        } catch (NumberFormatException e) {
          // not a number after all
        }
      }
      if (!byLabel && !byNumber) {
        out.add(
            new ReportCheck(
                ReportSection.FINDINGS,
                -1,
                "",
                Verdict.MISSING,
                "the measurement "
                    + (label.isEmpty() ? "" : "\"" + m.label() + "\" ")
                    + "("
                    + m.prose()
                    + ") is not mentioned"));
      }
    }
    return out;
  }

  private static boolean supported(double value, String unit, StructuredFindings f) {
    if (unit.equals("%")) {
      return f.modelFindings().stream().anyMatch(m -> percentMatches(value, m.probability()));
    }
    List<Double> facts = new ArrayList<>(f.technique().numbers());
    f.measurements().forEach(m -> facts.addAll(m.numbers()));
    f.modelFindings().forEach(m -> facts.add(m.probability()));
    if (unit.isEmpty()) {
      f.modelFindings().forEach(m -> facts.add((double) Math.round(m.probability() * 100)));
    }
    return facts.stream().anyMatch(x -> close(value, x));
  }

  private static boolean statesPercent(String lower, double probability) {
    Matcher n = NUMBER.matcher(lower);
    while (n.find()) {
      if ("%".equals(n.group(2))) {
        try {
          if (percentMatches(Double.parseDouble(n.group(1).replace(',', '.')), probability)) {
            return true;
          }
        } catch (NumberFormatException e) {
          // ignore
        }
      }
    }
    return false;
  }

  private static boolean percentMatches(double stated, double probability) {
    return Math.abs(stated - probability * 100) <= 0.51;
  }

  static boolean close(double stated, double fact) {
    return Math.abs(stated - fact) <= Math.max(0.051, Math.abs(fact) * 0.005);
  }

  private static boolean isModelLabel(String term, StructuredFindings f) {
    return f.modelFindings().stream()
        .anyMatch(m -> m.label().toLowerCase(Locale.ROOT).contains(term));
  }

  private static boolean inMeasurementLabel(String term, StructuredFindings f) {
    return f.measurements().stream()
        .anyMatch(m -> mentions(m.label().toLowerCase(Locale.ROOT), term));
  }

  static boolean mentions(String lower, String term) {
    return Pattern.compile("(?<![\\p{L}])" + Pattern.quote(term) + "(e?s)?(?![\\p{L}])")
        .matcher(lower)
        .find();
  }

  /** A negation cue in the same clause before the term. */
  static boolean negated(String lower, String term) {
    Matcher t = Pattern.compile("(?<![\\p{L}])" + Pattern.quote(term)).matcher(lower);
    if (!t.find()) {
      return false;
    }
    String before = lower.substring(0, t.start());
    int clause =
        Math.max(
            before.lastIndexOf(';'),
            Math.max(before.lastIndexOf(':'), before.lastIndexOf(" but ")));
    return NEGATION.matcher(before.substring(Math.max(0, clause))).find();
  }

  private static String remove(String text, String part) {
    return part.isBlank() ? text : text.replace(part, " ");
  }

  private static ReportCheck verdict(
      ReportSection section, int index, String sentence, Verdict verdict, String reason) {
    return new ReportCheck(section, index, sentence, verdict, reason);
  }
}
