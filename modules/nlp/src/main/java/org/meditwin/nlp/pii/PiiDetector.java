package org.meditwin.nlp.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.meditwin.nlp.tagger.BioDecoder;
import org.meditwin.nlp.tagger.HeadTagger;
import org.meditwin.nlp.tagger.SharedEncoder;
import org.meditwin.nlp.text.AnalyzedText;
import org.meditwin.nlp.text.Token;

/**
 * Finds personal data: pattern recognisers with checksums and context words for structured
 * identifiers, name rules, and (when installed) the {@code deid-names} head for person names and
 * locations; clinical terms are filtered out by an allow-list. Overlapping findings are merged so
 * the union of their characters is masked (recall first). Thread-safe.
 */
public final class PiiDetector {
  /**
   * Model spans score at most this, below every validated pattern, so a merged span takes the
   * pattern's type (an e-mail stays EMAIL even if the head also tagged it as a name).
   */
  static final double MODEL_SCORE_CAP = 0.7;

  private final Optional<HeadTagger> names;
  private final Optional<SharedEncoder> encoder;

  public PiiDetector(Optional<HeadTagger> names, Optional<SharedEncoder> encoder) {
    this.names = names.filter(n -> encoder.isPresent());
    this.encoder = encoder;
  }

  /** Rules only (no model): structured identifiers, honorific/context names, street addresses. */
  public static PiiDetector rulesOnly() {
    return new PiiDetector(Optional.empty(), Optional.empty());
  }

  public boolean usesModel() {
    return names.isPresent();
  }

  public List<PiiSpan> detect(String text, DeidPolicy policy) {
    return detect(AnalyzedText.of(text), policy);
  }

  public List<PiiSpan> detect(AnalyzedText at, DeidPolicy policy) {
    String text = at.text();
    List<PiiSpan> raw = new ArrayList<>(PatternRecognizers.find(text));
    raw.addAll(NameRules.find(text));
    if (names.isPresent()) {
      float[][] f = encoder.get().features(at);
      List<Token> tokens = at.tokens();
      for (BioDecoder.WordSpan w : names.get().tag(f, at.sentences())) {
        int s = tokens.get(w.from()).start();
        int e = tokens.get(w.to() - 1).end();
        PiiType type = w.type().equals("PER") ? PiiType.PERSON : PiiType.LOCATION;
        raw.add(
            new PiiSpan(
                s,
                e,
                type,
                text.substring(s, e),
                MODEL_SCORE_CAP * w.confidence(),
                "model:" + names.get().name()));
      }
    }
    List<PiiSpan> kept = new ArrayList<>();
    for (PiiSpan s : raw) {
      if (!policy.types().contains(s.type())) {
        continue;
      }
      if ((s.type() == PiiType.PERSON || s.type() == PiiType.LOCATION)
          && AllowList.isClinicalTerm(text, s)) {
        continue;
      }
      if (s.type() == PiiType.AGE && !policy.maskAllAges() && age(s) <= 89) {
        continue;
      }
      if (s.source().equals("rule:year") && !policy.maskBareYears()) {
        continue;
      }
      kept.add(s);
    }
    return merge(text, extendAddresses(text, merge(text, kept)));
  }

  private static final java.util.regex.Pattern ADDRESS_TAIL =
      java.util.regex.Pattern.compile(
          "\\G[ \\t\\r\\n,.]{0,12}+(\\d{3,6}(?:-\\d{3,4})?|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d|[A-Z]{2,3}|nan)(?![\\p{L}\\p{N}])");
  private static final java.util.regex.Pattern ADDRESS_HEAD =
      java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}])\\d{1,6}[ \\t]{1,3}$");

  /**
   * Postal codes, region codes and house numbers right next to a found location belong to the
   * address ("LAPPEENRANTA SK 53650", "04862 Victor Hugo u. 49").
   */
  static List<PiiSpan> extendAddresses(String text, List<PiiSpan> spans) {
    List<PiiSpan> out = new ArrayList<>(spans);
    for (PiiSpan s : spans) {
      if (s.type() != PiiType.LOCATION) {
        continue;
      }
      java.util.regex.Matcher m = ADDRESS_TAIL.matcher(text);
      m.region(s.end(), Math.min(text.length(), s.end() + 120));
      int pos = s.end();
      while (m.find(pos) && m.start() == pos && m.end() - s.end() < 120) {
        out.add(
            new PiiSpan(
                m.start(1),
                m.end(1),
                PiiType.LOCATION,
                text.substring(m.start(1), m.end(1)),
                0.6,
                "rule:address-tail"));
        pos = m.end();
      }
      String before = text.substring(Math.max(0, s.start() - 10), s.start());
      java.util.regex.Matcher h = ADDRESS_HEAD.matcher(before);
      if (h.find()) {
        int st = s.start() - before.length() + h.start();
        String num = text.substring(st, s.start()).strip();
        out.add(
            new PiiSpan(st, st + num.length(), PiiType.LOCATION, num, 0.6, "rule:address-head"));
      }
    }
    return out;
  }

  private static int age(PiiSpan s) {
    String d = Checksums.digits(s.text());
    return d.isEmpty() || d.length() > 3 ? 0 : Integer.parseInt(d);
  }

  /** Overlapping spans become one covering their union, typed by the most confident finding. */
  static List<PiiSpan> merge(String text, List<PiiSpan> spans) {
    List<PiiSpan> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingInt(PiiSpan::start).thenComparingInt(s -> -s.end()));
    List<PiiSpan> out = new ArrayList<>();
    PiiSpan cur = null;
    for (PiiSpan s : sorted) {
      if (cur != null && s.start() < cur.end()) {
        int end = Math.max(cur.end(), s.end());
        PiiSpan best = better(s, cur) ? s : cur;
        cur =
            new PiiSpan(
                cur.start(),
                end,
                best.type(),
                text.substring(cur.start(), end),
                Math.max(cur.score(), s.score()),
                best.source());
      } else {
        if (cur != null) {
          out.add(cur);
        }
        cur = s;
      }
    }
    if (cur != null) {
      out.add(cur);
    }
    return List.copyOf(out);
  }

  private static boolean better(PiiSpan a, PiiSpan b) {
    if (a.score() != b.score()) {
      return a.score() > b.score();
    }
    return a.end() - a.start() > b.end() - b.start();
  }
}
