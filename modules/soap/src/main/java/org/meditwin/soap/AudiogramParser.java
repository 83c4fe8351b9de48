package org.meditwin.soap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads hearing thresholds from spoken or written transcript sentences: "right ear 25 at 250, 30 at
 * 500, 35 at 1k", "thresholds of 40 dB at 2 kHz on the left", "at two thousand hertz it was forty
 * five", "bone conduction left 20 at 500". Per pair the ear is the nearest side named before it in
 * the sentence (else after it, else the previous audiogram sentence's), the conduction the last of
 * air/bone named (default air). Never throws; implausible values are ignored.
 */
final class AudiogramParser {
  private AudiogramParser() {}

  /** Thresholds found and the sentences they came from. */
  record Result(Audiogram audiogram, List<SourceSpan> sources) {}

  private enum Kind {
    NUMBER,
    WORD,
    EAR,
    CONDUCTION
  }

  private record Tok(Kind kind, String text, int value, boolean freq, boolean db) {}

  private static final Pattern CUE =
      Pattern.compile(
          "(?i)\\b(?:audiogram|audiometr\\w*|thresholds?|db|decibels?|hz|hertz|khz|kilohertz|air|bone|conduction|hearing|ear|ears|right|left|pure[- ]tone|frequenc\\w+)\\b");
  private static final Pattern KILO =
      Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*-?\\s*(?:k|khz|kilohertz|kilo hertz)\\b");
  private static final Pattern HERTZ = Pattern.compile("(?i)(\\d+)\\s*-?\\s*(?:hz|hertz)\\b");
  private static final Pattern DECIBEL =
      Pattern.compile("(?i)(\\d+)\\s*-?\\s*(?:db(?:\\s*hl)?|decibels?(?:\\s+hl)?)\\b");
  private static final Pattern TOKEN = Pattern.compile("(F|T)?(\\d+)|([a-z]+(?:'[a-z]+)?)|([,;:])");

  static Optional<Result> parse(String transcript) {
    Map<String, Integer> ra = new LinkedHashMap<>();
    Map<String, Integer> la = new LinkedHashMap<>();
    Map<String, Integer> rb = new LinkedHashMap<>();
    Map<String, Integer> lb = new LinkedHashMap<>();
    List<SourceSpan> sources = new ArrayList<>();
    String carriedEar = null;
    boolean carriedBone = false;
    int sinceAudio = 99;
    for (Utterance u : DialogueSplitter.utterances(transcript)) {
      sinceAudio++;
      String text = u.text();
      if (text.length() > 2000) {
        continue;
      }
      boolean cue = CUE.matcher(text).find();
      List<Tok> toks = tokenize(text);
      List<int[]> pairs = new ArrayList<>(); // {tokenIndex, freq, threshold}
      for (int i = 0; i < toks.size(); i++) {
        Tok t = toks.get(i);
        if (t.kind() != Kind.NUMBER) {
          continue;
        }
        // "T at F"
        if (i + 2 < toks.size()
            && word(toks.get(i + 1), "at")
            && toks.get(i + 2).kind() == Kind.NUMBER
            && isFreq(toks.get(i + 2))
            && isThreshold(t)) {
          pairs.add(new int[] {i, toks.get(i + 2).value(), t.value()});
          i += 2;
          continue;
        }
        // "F: T", "at F it was T", "F hertz T dB"
        boolean freqHere = t.freq() || (isFreq(t) && i > 0 && word(toks.get(i - 1), "at"));
        if (freqHere && isFreq(t)) {
          for (int j = i + 1; j < Math.min(toks.size(), i + 6); j++) {
            Tok x = toks.get(j);
            if (x.kind() == Kind.NUMBER) {
              if (isThreshold(x) && (x.db() || !isFreq(x))) {
                pairs.add(new int[] {i, t.value(), x.value()});
                i = j;
              }
              break;
            }
            if (x.kind() == Kind.EAR || x.kind() == Kind.CONDUCTION || word(x, "at")) {
              break;
            }
          }
        }
      }
      if (pairs.isEmpty() || !(cue || sinceAudio <= 2)) {
        continue;
      }
      for (int[] p : pairs) {
        String ear = earFor(toks, p[0], carriedEar);
        boolean bone = boneFor(toks, p[0], carriedBone);
        if (ear == null) {
          continue;
        }
        String f = String.valueOf(p[1]);
        if (ear.equals("right") || ear.equals("both")) {
          (bone ? rb : ra).put(f, p[2]);
        }
        if (ear.equals("left") || ear.equals("both")) {
          (bone ? lb : la).put(f, p[2]);
        }
        carriedEar = ear;
        carriedBone = bone;
      }
      sources.add(u.span());
      sinceAudio = 0;
    }
    Audiogram a = new Audiogram(ra, la, rb, lb);
    return a.isEmpty() ? Optional.empty() : Optional.of(new Result(a, sources));
  }

  private static boolean word(Tok t, String w) {
    return t.kind() == Kind.WORD && t.text().equals(w);
  }

  private static boolean isFreq(Tok t) {
    return Audiogram.FREQUENCIES.contains(String.valueOf(t.value())) && !t.db();
  }

  private static boolean isThreshold(Tok t) {
    return t.value() >= -10 && t.value() <= 120 && !t.freq();
  }

  private static String earFor(List<Tok> toks, int at, String carried) {
    for (int j = at - 1; j >= 0; j--) {
      if (toks.get(j).kind() == Kind.EAR) {
        return toks.get(j).text();
      }
    }
    for (int j = at + 1; j < toks.size(); j++) {
      if (toks.get(j).kind() == Kind.EAR) {
        return toks.get(j).text();
      }
    }
    return carried;
  }

  private static boolean boneFor(List<Tok> toks, int at, boolean carried) {
    for (int j = at - 1; j >= 0; j--) {
      if (toks.get(j).kind() == Kind.CONDUCTION) {
        return toks.get(j).text().equals("bone");
      }
    }
    return carried;
  }

  static List<Tok> tokenize(String sentence) {
    String s = TextSupport.numbersToDigits(sentence.toLowerCase(Locale.ROOT));
    s = s.replaceAll("(?<=\\d),(?=\\d{3}\\b)", ""); // "2,000"
    Matcher k = KILO.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (k.find()) {
      double v = Double.parseDouble(k.group(1)) * 1000;
      k.appendReplacement(sb, v <= 20000 ? " F" + (long) v + " " : k.group());
    }
    k.appendTail(sb);
    s = HERTZ.matcher(sb.toString()).replaceAll(" F$1 ");
    s = DECIBEL.matcher(s).replaceAll(" T$1 ");
    List<Tok> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(s);
    while (m.find()) {
      if (m.group(2) != null) {
        if (m.group(2).length() > 6) {
          continue;
        }
        int v = Integer.parseInt(m.group(2));
        boolean f = "F".equals(m.group(1));
        boolean d = "T".equals(m.group(1));
        int start = m.start();
        boolean negative =
            start > 0
                && s.charAt(start - 1) == '-'
                && (start < 2 || !Character.isLetterOrDigit(s.charAt(start - 2)));
        out.add(new Tok(Kind.NUMBER, m.group(2), negative ? -v : v, f, d));
      } else if (m.group(3) != null) {
        String w = m.group(3);
        switch (w) {
          case "right", "rt" -> out.add(new Tok(Kind.EAR, "right", 0, false, false));
          case "left", "lt" -> out.add(new Tok(Kind.EAR, "left", 0, false, false));
          case "both", "bilateral", "bilaterally" ->
              out.add(new Tok(Kind.EAR, "both", 0, false, false));
          case "air" -> out.add(new Tok(Kind.CONDUCTION, "air", 0, false, false));
          case "bone" -> out.add(new Tok(Kind.CONDUCTION, "bone", 0, false, false));
          default -> out.add(new Tok(Kind.WORD, w, 0, false, false));
        }
      }
    }
    return out;
  }
}
