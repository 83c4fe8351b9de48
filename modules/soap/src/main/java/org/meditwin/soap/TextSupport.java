package org.meditwin.soap;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Word-level helpers shared by the drafter, the judge and ROUGE: tokens, stems, numbers, sides. */
final class TextSupport {
  private TextSupport() {}

  static final Set<String> STOP =
      Set.copyOf(
          java.util.Arrays.asList(
              "a",
              "an",
              "the",
              "and",
              "or",
              "but",
              "if",
              "of",
              "at",
              "by",
              "for",
              "with",
              "about",
              "to",
              "from",
              "in",
              "on",
              "into",
              "over",
              "under",
              "again",
              "then",
              "once",
              "here",
              "there",
              "when",
              "where",
              "why",
              "how",
              "all",
              "any",
              "both",
              "each",
              "few",
              "more",
              "most",
              "other",
              "some",
              "such",
              "only",
              "own",
              "same",
              "so",
              "than",
              "too",
              "very",
              "can",
              "will",
              "just",
              "should",
              "now",
              "is",
              "are",
              "was",
              "were",
              "be",
              "been",
              "being",
              "have",
              "has",
              "had",
              "having",
              "do",
              "does",
              "did",
              "doing",
              "would",
              "could",
              "it",
              "its",
              "it's",
              "this",
              "that",
              "these",
              "those",
              "he",
              "she",
              "they",
              "them",
              "his",
              "her",
              "their",
              "him",
              "we",
              "us",
              "our",
              "you",
              "your",
              "i",
              "me",
              "my",
              "patient",
              "patient's",
              "reports",
              "report",
              "reported",
              "states",
              "also",
              "as",
              "which",
              "who",
              "what",
              "up",
              "out",
              "off",
              "down",
              "get",
              "got",
              "like",
              "kind",
              "sort",
              "really",
              "themself",
              "lot",
              "bit",
              "thing",
              "things",
              "well",
              "going",
              "go",
              "know",
              "think",
              "okay",
              "yeah",
              "um",
              "uh",
              "mm-hmm",
              "'s",
              "s",
              "be"));

  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:['.-][\\p{L}\\p{N}]+)*");

  /** Lower-case word tokens (letters and digits, inner apostrophes, dots and hyphens kept). */
  static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(s.toLowerCase(Locale.ROOT));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** ACI-Bench style detached negations: "ca n't", "do n't". */
  private static final Pattern DETACHED = Pattern.compile("(?i)\\b(\\w+)\\s+n't\\b");

  /** Content-word stems (stop words dropped, numbers normalised to digits). */
  static Set<String> contentStems(String s) {
    Set<String> out = new LinkedHashSet<>();
    String joined = DETACHED.matcher(s).replaceAll("$1n't");
    for (String t : tokens(numbersToDigits(joined))) {
      String st = stem(t);
      if (!STOP.contains(t) && !STOP.contains(st) && !ClinicalPhrasing.FILLERS.contains(t)) {
        out.add(st);
      }
    }
    return out;
  }

  /** A light suffix-stripping stemmer (enough to match "ringing"/"rings", "ears"/"ear"). */
  static String stem(String w) {
    String t = w.replace("'s", "");
    if (t.length() <= 3 || Character.isDigit(t.charAt(0))) {
      return t;
    }
    for (String suf :
        List.of(
            "ically", "ation", "ness", "ings", "ing", "edly", "ied", "ies", "ed", "ly", "es",
            "s")) {
      if (!t.endsWith(suf) || t.length() - suf.length() < 3) {
        continue;
      }
      String r = t.substring(0, t.length() - suf.length());
      if (suf.equals("es")
          && !(r.endsWith("s")
              || r.endsWith("x")
              || r.endsWith("z")
              || r.endsWith("ch")
              || r.endsWith("sh"))) {
        continue; // "likes" → "like" through "s", "boxes" → "box"
      }
      if (suf.equals("s") && (t.endsWith("ss") || t.endsWith("us") || t.endsWith("is"))) {
        return dropE(t);
      }
      if (suf.equals("ies") || suf.equals("ied")) {
        r = r + "y";
      }
      if (r.length() > 3
          && r.charAt(r.length() - 1) == r.charAt(r.length() - 2)
          && "lsz".indexOf(r.charAt(r.length() - 1)) < 0) {
        r = r.substring(0, r.length() - 1); // "stopped" → "stop"
      }
      return dropE(r);
    }
    return dropE(t);
  }

  private static String dropE(String t) {
    return t.endsWith("e") && t.length() > 4 ? t.substring(0, t.length() - 1) : t;
  }

  private static final Map<String, Integer> UNITS =
      Map.ofEntries(
          Map.entry("zero", 0),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12),
          Map.entry("thirteen", 13),
          Map.entry("fourteen", 14),
          Map.entry("fifteen", 15),
          Map.entry("sixteen", 16),
          Map.entry("seventeen", 17),
          Map.entry("eighteen", 18),
          Map.entry("nineteen", 19));
  private static final Map<String, Integer> TENS =
      Map.of(
          "twenty", 20, "thirty", 30, "forty", 40, "fifty", 50, "sixty", 60, "seventy", 70,
          "eighty", 80, "ninety", 90);

  private static final Pattern NUMBER_WORDS =
      Pattern.compile(
          "\\b(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|and)(?:[ -]+|\\b))+",
          Pattern.CASE_INSENSITIVE);

  /**
   * Number words as digits: "twenty five" → "25", "two thousand" → "2000", "fifteen hundred" →
   * "1500". A lone "and" or "one" used as a pronoun in "the left one" is also converted; callers
   * use this on copies of the text, never to rewrite the transcript.
   */
  static String numbersToDigits(String s) {
    Matcher m = NUMBER_WORDS.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String phrase = m.group();
      String trimmed = phrase.strip();
      List<String> words =
          new ArrayList<>(List.of(trimmed.toLowerCase(Locale.ROOT).split("[ -]+")));
      while (!words.isEmpty() && words.get(0).equals("and")) {
        words.remove(0);
      }
      int trailingAnd = 0;
      while (!words.isEmpty() && words.get(words.size() - 1).equals("and")) {
        words.remove(words.size() - 1);
        trailingAnd++;
      }
      if (words.isEmpty()
          || words.stream().allMatch(w -> w.equals("hundred") || w.equals("thousand"))) {
        m.appendReplacement(sb, Matcher.quoteReplacement(phrase));
        continue;
      }
      // "twenty five" is one number, "ten ten" and "twenty five thirty" are several
      List<Long> numbers = new ArrayList<>();
      long total = 0;
      long current = 0;
      boolean any = false;
      for (String w : words) {
        if (UNITS.containsKey(w) || TENS.containsKey(w)) {
          int v = UNITS.containsKey(w) ? UNITS.get(w) : TENS.get(w);
          long low = current % 100;
          boolean joins =
              !any
                  || (low == 0 && (current > 0 || total > 0))
                  || (low >= 20 && low % 10 == 0 && v < 10);
          if (!joins) {
            numbers.add(total + current);
            total = 0;
            current = 0;
          }
          current += v;
          any = true;
        } else if (w.equals("hundred")) {
          current = Math.max(current, 1) * 100;
          any = true;
        } else if (w.equals("thousand")) {
          total += Math.max(current, 1) * 1000;
          current = 0;
          any = true;
        }
      }
      numbers.add(total + current);
      String tail = phrase.substring(trimmed.length() + phrase.indexOf(trimmed));
      String rep =
          numbers.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" "))
              + (trailingAnd > 0 ? " and" : "")
              + (tail.isEmpty() ? "" : " ");
      m.appendReplacement(
          sb, Matcher.quoteReplacement(phrase.substring(0, phrase.indexOf(trimmed)) + rep));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static final Pattern NUMBER =
      Pattern.compile("(?<![\\p{L}\\d.])\\d+(?:\\.\\d+)?(?![\\d])");

  /** Numbers written in {@code s} (digits or words), normalised ("5.0" → "5"). */
  static Set<String> numbers(String s) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = NUMBER.matcher(numbersToDigits(s));
    while (m.find()) {
      String v = m.group();
      if (v.contains(".")) {
        v = v.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      out.add(v);
    }
    return out;
  }

  private static final String SIDE_NOUNS =
      "ear|ears|side|sided|one|hand|leg|arm|knee|eye|hip|shoulder|foot|ankle|wrist|elbow|lung|kidney|breast|tm|canal|tympanic|eardrum|lower|upper|temporal|frontal|hemisphere|hemithorax|chest|flank|groin|neck|heel|thumb|finger|toe|calf|thigh|buttock|jaw|cheek|temple|nostril|tonsil";

  private static Pattern sidePattern(String side) {
    return Pattern.compile(
        "\\b"
            + side
            + "(?:[- ]sided)?\\s+(?:(?:inner|middle|outer|external|lower|upper)\\s+)?(?:"
            + SIDE_NOUNS
            + ")\\b|\\b(?:on|in|to|at|of|from) (?:the|his|her|their|my|your) "
            + side
            + "\\b|\\b"
            + side
            + "[- ]sided\\b|\\b"
            + side
            + "\\s*:|\\b"
            + side
            + "\\s+(?:greater|worse|more|better|than)\\b",
        Pattern.CASE_INSENSITIVE);
  }

  private static final Pattern LEFT = sidePattern("left");
  private static final Pattern RIGHT = sidePattern("right");
  private static final Pattern BOTH =
      Pattern.compile(
          "\\b(?:both ears|both sides|bilateral(?:ly)?|each ear|either ear|both of (?:my|your|his|her|their|the) ears|in both|AU)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Sides named in {@code s}: "left", "right", "bilateral" (both ears/sides). */
  static Set<String> sides(String s) {
    Set<String> out = new LinkedHashSet<>();
    if (LEFT.matcher(s).find()) {
      out.add("left");
    }
    if (RIGHT.matcher(s).find()) {
      out.add("right");
    }
    if (BOTH.matcher(s).find()) {
      out.add("bilateral");
    }
    return out;
  }
}
