package org.meditwin.nlp.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule-based person names: honorifics (Dr., Mrs.), introducing phrases ("name is", "seen by",
 * "Dear") and trailing credentials ("MD", "AuD"). The trained {@code deid-names} head finds the
 * rest; these rules keep de-identification working when the model is missing.
 */
final class NameRules {
  private NameRules() {}

  private static final String WORD = "(?:\\p{Lu}[\\p{L}\\p{M}'’-]{1,30}+|\\p{Lu}\\.)";
  private static final String NAME = WORD + "(?:[ \\t]" + WORD + "){0,3}";
  static final Pattern TITLE =
      Pattern.compile(
          "\\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Doctor|Nurse|Sr|Sra)\\.?[ \\t]+(" + NAME + ")");
  static final Pattern CUE =
      Pattern.compile(
          "(?i:\\bname(?: is|:| was)|\\bnamed|\\bpatient:|\\bpt name:|\\bi am|\\bi'm|\\bthis is|\\bsigned by|\\bseen by|\\breferred by|\\bdictated by|\\battending:|\\bphysician:|\\bprovider:|\\bdear|\\bcc:|\\bspoke with|\\baccompanied by|\\bmother,?|\\bfather,?|\\bwife,?|\\bhusband,?|\\bdaughter,?|\\bson,?)[ \\t]+("
              + NAME
              + ")");
  static final Pattern CREDENTIAL =
      Pattern.compile(
          "("
              + NAME
              + "),?[ \\t]+(?:MD|M\\.D\\.|DO|RN|NP|PA-C|PhD|AuD|Au\\.D\\.|CCC-A|FNP|DDS|FAAA)\\b");

  private static final Pattern LEADING_TITLE =
      Pattern.compile("(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Doctor|Nurse)\\.?(?:[ \\t]+|$)");

  static List<PiiSpan> find(String text) {
    List<PiiSpan> out = new ArrayList<>();
    for (Pattern p : List.of(TITLE, CUE, CREDENTIAL)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        int s = m.start(1);
        int e = m.end(1);
        Matcher title = LEADING_TITLE.matcher(text).region(s, e);
        if (title.lookingAt()) {
          s = title.end();
        }
        if (e > s) {
          out.add(new PiiSpan(s, e, PiiType.PERSON, text.substring(s, e), 0.75, "rule:name"));
        }
      }
    }
    return out;
  }
}
