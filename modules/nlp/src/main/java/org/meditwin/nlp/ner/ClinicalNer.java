package org.meditwin.nlp.ner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meditwin.nlp.tagger.BioDecoder;
import org.meditwin.nlp.tagger.HeadTagger;
import org.meditwin.nlp.tagger.SharedEncoder;
import org.meditwin.nlp.text.AnalyzedText;
import org.meditwin.nlp.text.Token;

/**
 * Clinical entity recognition: curated lexicons and patterns for every type, plus (when installed)
 * the {@code clinical-ner} head trained on NCBI-disease and BC5CDR for diseases and chemicals; then
 * attributes (dose, route, frequency, laterality, lab values) and ConText assertion. Thread-safe.
 */
public final class ClinicalNer {
  private final Lexicon lexicon;
  private final Optional<HeadTagger> head;
  private final Optional<SharedEncoder> encoder;

  public ClinicalNer(Lexicon lexicon, Optional<HeadTagger> head, Optional<SharedEncoder> encoder) {
    this.lexicon = lexicon;
    this.head = head.filter(h -> encoder.isPresent());
    this.encoder = encoder;
  }

  /** Lexicons and patterns only. */
  public static ClinicalNer rulesOnly() {
    return new ClinicalNer(Lexicon.shipped(), Optional.empty(), Optional.empty());
  }

  public boolean usesModel() {
    return head.isPresent();
  }

  public List<ClinicalEntity> recognize(String text) {
    return recognize(AnalyzedText.of(text));
  }

  public List<ClinicalEntity> recognize(AnalyzedText at) {
    List<Token> tokens = at.tokens();
    List<Found> found = new ArrayList<>();
    for (Lexicon.Match m : lexicon.match(tokens)) {
      found.add(new Found(m.from(), m.to(), m.primary(), 0.9, "lexicon"));
    }
    if (head.isPresent()) {
      float[][] f = encoder.get().features(at);
      for (BioDecoder.WordSpan w : head.get().tag(f, at.sentences())) {
        ClinicalEntityType type =
            w.type().equals("Chemical")
                ? ClinicalEntityType.MEDICATION
                : ClinicalEntityType.DISEASE;
        found.add(new Found(w.from(), w.to(), type, w.confidence(), "model:" + head.get().name()));
      }
    }
    found = resolve(found);
    List<ClinicalEntity> out = new ArrayList<>();
    for (int[] s : at.sentences()) {
      List<Token> sentence = at.sentenceTokens(s);
      for (Found e : found) {
        if (e.from >= s[0] && e.from < s[1]) {
          int to = Math.min(e.to, s[1]);
          int start = tokens.get(e.from).start();
          int end = tokens.get(to - 1).end();
          Assertion a = ConTextRules.assess(sentence, e.from - s[0], to - s[0]);
          int sentenceEnd = tokens.get(s[1] - 1).end();
          Map<String, String> attrs =
              attributes(
                  at.text(), e.type, start, end, sentenceEnd, sentence, e.from - s[0], to - s[0]);
          out.add(
              new ClinicalEntity(
                  start,
                  end,
                  e.type,
                  at.text().substring(start, end),
                  a,
                  attrs,
                  e.score,
                  e.source));
        }
      }
    }
    return out;
  }

  private record Found(int from, int to, ClinicalEntityType type, double score, String source) {}

  /**
   * On overlap the longer span wins ("hereditary breast cancer" over "breast cancer"); at equal
   * length the lexicon wins (it knows symptoms from diseases).
   */
  private static List<Found> resolve(List<Found> in) {
    List<Found> sorted = new ArrayList<>(in);
    sorted.sort(
        Comparator.comparingInt((Found f) -> -(f.to - f.from))
            .thenComparingInt(f -> f.source.equals("lexicon") ? 0 : 1));
    List<Found> kept = new ArrayList<>();
    for (Found f : sorted) {
      boolean overlaps = kept.stream().anyMatch(k -> k.from < f.to && f.from < k.to);
      if (!overlaps) {
        kept.add(f);
      }
    }
    kept.sort(Comparator.comparingInt(Found::from));
    return kept;
  }

  private static final Pattern DOSE =
      Pattern.compile(
          "(?i)\\b(\\d+(?:[.,]\\d+)?\\s?(?:mg|mcg|µg|g|ml|mL|units?|iu|meq|%|drops?|puffs?|tablets?|tabs?|capsules?|caps?)(?:/(?:kg|day|dose|ml))?)\\b");
  private static final Pattern ROUTE =
      Pattern.compile(
          "(?i)\\b(p\\.?o\\.?|by mouth|orally|oral|i\\.?v\\.?|intravenous(?:ly)?|i\\.?m\\.?|intramuscular(?:ly)?|s\\.?c\\.?|subcutaneous(?:ly)?|topical(?:ly)?|inhaled|inhalation|nebuli[sz]ed|otic|in (?:the |both )?(?:left |right )?ears?|sublingual(?:ly)?|transdermal|intranasal(?:ly)?|nasal|per rectum|rectal(?:ly)?|ophthalmic)\\b");
  private static final Pattern FREQUENCY =
      Pattern.compile(
          "(?i)\\b(once (?:a |per )?(?:day|daily|week)|twice (?:a |per )?(?:day|daily|week)|three times (?:a |per )?day|four times (?:a |per )?day|(?:every|q) ?\\d+ ?(?:h|hrs?|hours?)|q\\.?d\\.?|b\\.?i\\.?d\\.?|t\\.?i\\.?d\\.?|q\\.?i\\.?d\\.?|q\\.?h\\.?s\\.?|qam|qpm|daily|nightly|weekly|monthly|at bedtime|as needed|p\\.?r\\.?n\\.?|every (?:morning|evening|night|other day))\\b");
  private static final Pattern VALUE =
      Pattern.compile(
          "^\\s{0,3}(?:(?:level|value|result|score)\\s{1,3})?(?:(?:of|is|was|=|:|at)\\s{0,3}){0,2}(-?\\d+(?:[.,]\\d+)?(?:/\\d+(?:[.,]\\d+)?)?)\\s?(%|mg/dl|mmol/l|g/dl|g/l|mmhg|bpm|/min|u/l|iu/l|meq/l|ng/ml|pg/ml|miu/l|mu/l|x10\\^?9/l|k/ul|db(?: hl| spl)?|°[cf]|c|f|kg|lb|lbs|cm|m|kg/m2|mg/l)?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SIDE =
      Pattern.compile("(?i)\\b(left|right|bilateral(?:ly)?|both|l|r|ad|as|au)\\b");

  private static Map<String, String> attributes(
      String text,
      ClinicalEntityType type,
      int start,
      int end,
      int sentenceEnd,
      List<Token> sentence,
      int from,
      int to) {
    Map<String, String> out = new LinkedHashMap<>();
    String after = text.substring(end, Math.min(sentenceEnd, end + 80));
    switch (type) {
      case MEDICATION -> {
        String window = cutAtNextDrug(after);
        find(DOSE, window).ifPresent(v -> out.put("dose", v));
        find(ROUTE, window).ifPresent(v -> out.put("route", v));
        find(FREQUENCY, window).ifPresent(v -> out.put("frequency", v));
      }
      case LAB_TEST -> {
        Matcher m = VALUE.matcher(after);
        if (m.find()) {
          out.put("value", m.group(1));
          if (m.group(2) != null) {
            out.put("unit", m.group(2));
          }
        }
      }
      default -> {
        laterality(sentence, from, to).ifPresent(v -> out.put("laterality", v));
      }
    }
    return out;
  }

  private static String cutAtNextDrug(String after) {
    int semi = after.indexOf(';');
    return semi >= 0 ? after.substring(0, semi) : after;
  }

  private static Optional<String> find(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Side from up to 3 words before the entity or "of/in the left ..." / "AD" right after it. */
  static Optional<String> laterality(List<Token> s, int from, int to) {
    for (int i = from - 1; i >= Math.max(0, from - 4); i--) {
      Optional<String> side = side(s.get(i).text(), true);
      if (side.isPresent()) {
        return side;
      }
    }
    boolean connected = true;
    for (int i = to; i < Math.min(s.size(), to + 4); i++) {
      String raw = s.get(i).text();
      String w = raw.toLowerCase(Locale.ROOT);
      Optional<String> side = side(raw, false);
      boolean earCode = raw.equals("AD") || raw.equals("AS") || raw.equals("AU");
      if (side.isPresent() && (connected || earCode)) {
        return side;
      }
      if (w.equals(".") || w.equals(";")) {
        break;
      }
      connected &=
          w.equals("of") || w.equals("in") || w.equals("the") || w.equals(",") || w.equals("on");
    }
    return Optional.empty();
  }

  private static Optional<String> side(String word, boolean before) {
    Matcher m = SIDE.matcher(word);
    if (!m.matches()) {
      return Optional.empty();
    }
    String w = word.toLowerCase(Locale.ROOT);
    boolean upper = word.equals(word.toUpperCase(Locale.ROOT));
    return switch (w) {
      case "left" -> Optional.of("left");
      case "right" -> Optional.of("right");
      case "bilateral", "bilaterally", "both" -> Optional.of("bilateral");
      case "l" -> upper && before ? Optional.of("left") : Optional.empty();
      case "r" -> upper && before ? Optional.of("right") : Optional.empty();
      // audiology: AD = right ear, AS = left ear, AU = both ears (upper case only)
      case "ad" -> upper ? Optional.of("right") : Optional.empty();
      case "as" -> upper ? Optional.of("left") : Optional.empty();
      case "au" -> upper ? Optional.of("bilateral") : Optional.empty();
      default -> Optional.empty();
    };
  }
}
