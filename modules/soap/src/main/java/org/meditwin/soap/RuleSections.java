package org.meditwin.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keyword cues for the SOAP section of a sentence: the fallback when the trained head is not
 * installed, and the source of the hard rules that override the head (headings in a dictated note,
 * hearing-test results are objective).
 */
final class RuleSections implements SectionClassifier {
  static final Pattern PLAN =
      Pattern.compile(
          "(?i)\\b(?:will|plan|planned|recommend\\w*|advis\\w+|refer\\w*|follow[- ]?up|return|come back|schedul\\w+|prescrib\\w+|start(?:ed|ing)? (?:on|him|her|the patient)|continue|increase|decrease|discontinue|stop taking|order\\w*|repeat|fit(?:ted|ting)?|counsel\\w*|educat\\w+|trial of|recheck|re-?evaluat\\w+|should|next visit|in \\w+ (?:weeks|months)|hearing aids? (?:fitting|trial)|let's|we'll|going to)\\b");
  static final Pattern ASSESSMENT =
      Pattern.compile(
          "(?i)\\b(?:likely|consistent with|impression|diagnos\\w+|assessment|suspect\\w*|probabl\\w+|differential|secondary to|due to|suggestive of|indicat\\w+|sensorineural|conductive|mixed hearing loss|presbycusis|otitis|well[- ]controlled|stable|improv\\w+|worsen\\w+|resolved)\\b");
  static final Pattern OBJECTIVE =
      Pattern.compile(
          "(?i)\\b(?:exam\\w*|otoscop\\w+|tympan\\w+|audiogram|audiometr\\w+|thresholds?|db|srt|word recognition|speech reception|wrs|blood pressure|pulse|heart rate|temperature|vitals?|oxygen|saturation|bmi|weight is|auscultat\\w+|palpat\\w+|tender\\w*|swelling|edema|murmur|clear to|lungs|reflexes|range of motion|x-?ray|mri|ct scan|ultrasound|echocardiogram|ekg|ecg|lab\\w*|results?|shows?|showed|revealed?|demonstrat\\w+|normal|intact|canal|canals|eardrum|cerumen|membrane|appears?|looks?)\\b");

  /** Note headings of a dictated note ("Plan:", "OBJECTIVE", "Impression:"). */
  private static final Pattern HEADING =
      Pattern.compile(
          "(?i)^\\s*(subjective|chief complaint|cc|history of present illness|hpi|history|review of systems|ros|social history|family history|past medical history|medications|allergies|objective|exam|examination|physical exam(?:ination)?|vitals|otoscopy|audiogram|audiometry|tympanometry|results|findings|assessment|impression|diagnosis|diagnoses|assessment and plan|a/p|plan|recommendations?|disposition|follow[- ]up)\\s*[:\\-]\\s*");

  @Override
  public List<Section> classify(List<String> texts) {
    List<Section> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(rule(t));
    }
    return out;
  }

  static Section rule(String t) {
    if (PLAN.matcher(t).find()) {
      return Section.PLAN;
    }
    if (ASSESSMENT.matcher(t).find()) {
      return Section.ASSESSMENT;
    }
    if (OBJECTIVE.matcher(t).find()) {
      return Section.OBJECTIVE;
    }
    return Section.SUBJECTIVE;
  }

  /** A heading at the start of {@code text}: its section and the heading's length. */
  record Heading(Section section, int length) {}

  static Optional<Heading> heading(String text) {
    var m = HEADING.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    String h = m.group(1).toLowerCase(java.util.Locale.ROOT);
    Section s =
        switch (h) {
          case "objective",
              "exam",
              "examination",
              "physical exam",
              "physical examination",
              "vitals",
              "otoscopy",
              "audiogram",
              "audiometry",
              "tympanometry",
              "results",
              "findings" ->
              Section.OBJECTIVE;
          case "assessment", "impression", "diagnosis", "diagnoses", "assessment and plan", "a/p" ->
              Section.ASSESSMENT;
          case "plan",
              "recommendation",
              "recommendations",
              "disposition",
              "follow-up",
              "follow up",
              "followup" ->
              Section.PLAN;
          default -> Section.SUBJECTIVE;
        };
    return Optional.of(new Heading(s, m.end()));
  }

  @Override
  public String name() {
    return "rules";
  }
}
