package org.meditwin.nlp.pii;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.meditwin.nlp.ner.Lexicon;

/**
 * Words that look like names or places in clinical text but are not PII: the clinical lexicons
 * (drugs, diseases, anatomy, procedures), eponyms followed by "disease", "syndrome", "test"...
 * (Ménière's disease, Weber test), and a list of clinical words and abbreviations.
 */
final class AllowList {
  private static final Set<String> WORDS = load();
  private static final Pattern EPONYM =
      Pattern.compile(
          "^(?:'s|’s|s')?\\s{0,2}(?:\\p{L}+\\s)?(?i:disease|syndrome|palsy|sign|test|tests|reflex|maneuver|manoeuvre|phenomenon|procedure|fracture|tumou?r|lymphoma|sarcoma|ulcer|criteria|scale|score|classification|law|effect|disorder|type|deformity|cyst|node|nodes|contracture|anomaly|ataxia|chorea|dystrophy|apparatus|membrane|canal|duct|gland|tube|point|area|position|repositioning)\\b");

  private AllowList() {}

  /** True when a PERSON/LOCATION candidate is a clinical term rather than PII. */
  static boolean isClinicalTerm(String text, PiiSpan span) {
    String s = span.text().strip();
    if (span.source().equals("rule:name")) {
      // a title or cue ("Dr.", "seen by") makes it a person unless an eponym follows
      return isEponym(text, span);
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (WORDS.contains(lower) || Lexicon.shipped().contains(s)) {
      return true;
    }
    String[] parts = lower.split("[\\s]+");
    boolean allListed = true;
    for (String p : parts) {
      String w = p.replaceAll("[^\\p{L}\\p{N}'-]", "");
      if (!w.isEmpty()
          && !WORDS.contains(w)
          && !Lexicon.shipped().contains(w)
          && !Lexicon.shipped().inVocabulary(w)) {
        allListed = false;
        break;
      }
    }
    if (allListed) {
      return true;
    }
    return span.type() == PiiType.PERSON && isEponym(text, span);
  }

  private static boolean isEponym(String text, PiiSpan span) {
    String after = text.substring(span.end(), Math.min(text.length(), span.end() + 40));
    return EPONYM.matcher(after).find();
  }

  private static Set<String> load() {
    Set<String> out = new HashSet<>();
    try (InputStream in = AllowList.class.getResourceAsStream("allow-list.txt")) {
      if (in == null) {
        throw new IllegalStateException("allow-list.txt missing from the jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        String w = line.strip().toLowerCase(Locale.ROOT);
        if (!w.isEmpty() && !w.startsWith("#")) {
          out.add(w);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(out);
  }
}
