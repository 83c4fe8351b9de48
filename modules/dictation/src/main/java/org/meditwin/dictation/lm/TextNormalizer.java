package org.meditwin.dictation.lm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Written clinical text to spoken-form sentences for language modelling: lower case, units and
 * numbers spelled out ("25 dB" → "twenty five decibels"), punctuation removed, one sentence per
 * list element, each a list of words.
 */
public final class TextNormalizer {
  private static final Pattern DECIMAL = Pattern.compile("(\\d+)\\.(\\d+)");
  private static final Pattern INTEGER = Pattern.compile("\\d+");
  private static final Pattern WORD = Pattern.compile("[a-z]+(?:'[a-z]+)?");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?;:\\n\\r]+(?:\\s|,|$)|\\n");

  private TextNormalizer() {}

  /** Sentences of words. */
  public static List<List<String>> sentences(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    t =
        t.replaceAll("(\\d)\\s*db\\s*hl\\b", "$1 decibels")
            .replaceAll("(\\d)\\s*db\\b", "$1 decibels")
            .replaceAll("\\bdb\\s*hl\\b", "decibels")
            .replaceAll("(\\d)\\s*khz\\b", "$1 kilohertz")
            .replaceAll("(\\d)\\s*hz\\b", "$1 hertz")
            .replaceAll("%", " percent ")
            .replaceAll("(\\d),(\\d{3})", "$1$2")
            .replace('-', ' ')
            .replace('/', ' ');
    t =
        replace(
            DECIMAL, t, m -> " " + spellDigits(m.group(1)) + " point " + digits(m.group(2)) + " ");
    t = replace(INTEGER, t, m -> " " + spellDigits(m.group()) + " ");
    List<List<String>> out = new ArrayList<>();
    for (String s : SENTENCE_END.split(t)) {
      List<String> words = new ArrayList<>();
      Matcher m = WORD.matcher(s);
      while (m.find()) {
        words.add(m.group());
      }
      if (!words.isEmpty()) {
        out.add(words);
      }
    }
    return out;
  }

  private static String spellDigits(String s) {
    return s.length() > 7 ? digits(s) : Numbers.spell(Long.parseLong(s));
  }

  private static String digits(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(' ').append(Numbers.spell(c - '0'));
    }
    return b.toString().strip();
  }

  private static String replace(
      Pattern p, String t, java.util.function.Function<Matcher, String> f) {
    Matcher m = p.matcher(t);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(f.apply(m)));
    }
    m.appendTail(b);
    return b.toString();
  }
}
