package org.meditwin.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The prompt for generative drafting and the parser of its answer. */
final class GenerativeDraft {
  private GenerativeDraft() {}

  static final String SYSTEM_PROMPT =
      """
      You are a clinical scribe. The user message is a de-identified transcript of one visit \
      (names, dates and identifiers appear as placeholders such as [PERSON]; keep them as they \
      are). Write a concise SOAP note using ONLY facts stated in the transcript: no diagnosis, \
      number, side (left/right) or medication that the transcript does not state. Write four \
      sections with the headings SUBJECTIVE:, OBJECTIVE:, ASSESSMENT:, PLAN: each on its own \
      line, then one short sentence per line in the third person ("Reports ringing in the left \
      ear for two weeks."). Write "Denies X" only when the patient said no to X. For hearing \
      visits include onset, laterality, tinnitus, vertigo, noise exposure, otoscopy, audiogram \
      thresholds per ear and frequency, tympanometry, speech testing, type and degree of hearing \
      loss, hearing aids, referral and follow-up where stated.""";

  record Line(Section section, String text) {}

  /** Sentences under SOAP headings; text before the first heading is subjective. */
  static List<Line> parse(String answer) {
    List<Line> out = new ArrayList<>();
    Section current = Section.SUBJECTIVE;
    for (String raw : answer.split("\\R")) {
      String line = raw.strip().replaceAll("^[#*\\-•\\d.)\\s]+", "").replace("**", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      Optional<RuleSections.Heading> h = RuleSections.heading(line.endsWith(":") ? line : line);
      if (h.isPresent()) {
        current = h.get().section();
        line = line.substring(Math.min(line.length(), h.get().length())).strip();
        if (line.isEmpty()) {
          continue;
        }
      } else if (line.matches("(?i)(subjective|objective|assessment|plan)\\s*")) {
        current = Section.valueOf(line.strip().toUpperCase(java.util.Locale.ROOT));
        continue;
      }
      for (int[] s : DialogueSplitter.sentences(line, 0, line.length())) {
        String text = ClinicalPhrasing.finish(line.substring(s[0], s[1]));
        if (ClinicalPhrasing.contentWords(text) > 0) {
          out.add(new Line(current, text));
        }
      }
    }
    return out;
  }
}
