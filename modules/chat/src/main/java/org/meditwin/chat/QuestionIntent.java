package org.meditwin.chat;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which MedQuAD question types a question asks for ("how is X treated" → treatment), so the
 * specialists prefer passages that answer that kind of question.
 */
final class QuestionIntent {
  private QuestionIntent() {}

  private static Pattern p(String r) {
    return Pattern.compile("(?<![\\p{L}])(" + r + ")", Pattern.CASE_INSENSITIVE);
  }

  private static final Map<String, Pattern> TYPES =
      Map.ofEntries(
          Map.entry(
              "treatment",
              p(
                  "treat|therap|manag|cure|curable|medicine|medication|drugs?\\b|remed|get rid|"
                      + "reliev|help with|what helps|surgery|operat")),
          Map.entry("symptoms", p("symptom|signs?\\b|feel like|how do i know|look like|warning")),
          Map.entry("causes", p("caus|why\\b|reason|trigger|lead to|leads to|result from")),
          Map.entry(
              "exams and tests",
              p("tests?\\b|diagnos|exam|screen|detect|check for|audiogram|mri|scan|measure")),
          Map.entry(
              "prevention",
              p("prevent|avoid|reduce (the |my )?risk|protect|lower (the |my )?risk")),
          Map.entry(
              "inheritance",
              p("inherit|hereditary|run in (the |my )?famil|pass(ed)? (on|down)|children get")),
          Map.entry("genetic changes", p("genetic|genes?\\b|mutation")),
          Map.entry("frequency", p("how common|how many|prevalen|how often|frequen")),
          Map.entry(
              "outlook",
              p(
                  "outlook|prognos|life expectancy|surviv|recover|go away|permanent|how long (will|does)")),
          Map.entry("susceptibility", p("who gets|who is at risk|at risk|susceptib|risk factors?")),
          Map.entry("complications", p("complication")),
          Map.entry("information", p("what (is|are)\\b|define|definition|explain|tell me about")));

  static Set<String> of(String question) {
    Set<String> out = new LinkedHashSet<>();
    for (Map.Entry<String, Pattern> e : TYPES.entrySet()) {
      if (e.getValue().matcher(question).find()) {
        out.add(e.getKey());
      }
    }
    if (out.size() > 1) {
      out.remove("information");
    }
    return out;
  }
}
