package org.meditwin.chat;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detects the language of a message from its script (Han → zh, Devanagari → hi, …) and, for Latin
 * text, from stop words (English, Spanish, French, German, Portuguese, Italian). Returns an ISO
 * 639-1 code, or {@code "und"} when the text has no letters. Short Latin messages without any
 * telling word default to English.
 */
public final class LanguageDetector {
  private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

  private static final Map<String, Set<String>> STOP_WORDS =
      Map.of(
          "en",
          Set.of(
              "the", "and", "is", "are", "i", "my", "you", "what", "how", "of", "to", "in", "it",
              "have", "has", "with", "for", "do", "does", "can", "when", "was", "this", "that",
              "me", "should", "why", "a", "an", "not", "no", "be", "after", "pain", "am", "been",
              "take"),
          "es",
          Set.of(
              "el", "la", "los", "las", "de", "que", "y", "en", "un", "una", "es", "por", "con",
              "para", "mi", "me", "tengo", "qué", "cómo", "como", "duele", "dolor", "del", "al",
              "se", "lo", "le", "no", "sí", "muy", "pero", "está", "estoy", "cuando", "desde",
              "hace", "puedo", "debo", "tiene", "mucho", "mucha", "días", "ayer", "hoy", "pecho",
              "cabeza", "oído"),
          "fr",
          Set.of(
              "le",
              "la",
              "les",
              "de",
              "des",
              "et",
              "est",
              "je",
              "un",
              "une",
              "du",
              "que",
              "qui",
              "pour",
              "dans",
              "avec",
              "pas",
              "mal",
              "j'ai",
              "mon",
              "ma",
              "mes",
              "depuis",
              "très",
              "comment",
              "pourquoi",
              "suis",
              "au",
              "aux"),
          "de",
          Set.of(
              "der",
              "die",
              "das",
              "und",
              "ist",
              "ich",
              "nicht",
              "mit",
              "ein",
              "eine",
              "zu",
              "den",
              "von",
              "habe",
              "mein",
              "meine",
              "seit",
              "wie",
              "was",
              "warum",
              "auf",
              "für",
              "sehr",
              "schmerzen",
              "bin"),
          "pt",
          Set.of(
              "o", "a", "os", "as", "de", "que", "e", "é", "um", "uma", "do", "da", "em", "para",
              "com", "não", "eu", "meu", "minha", "tenho", "dor", "estou", "como", "muito", "desde",
              "ontem", "hoje", "ouvido"),
          "it",
          Set.of(
              "il", "lo", "la", "gli", "le", "di", "che", "e", "è", "un", "una", "per", "con",
              "non", "ho", "mio", "mia", "sono", "come", "perché", "molto", "dolore", "da", "del",
              "della"));

  private LanguageDetector() {}

  /** The ISO 639-1 code of {@code text}'s language, or {@code "und"}. */
  public static String detect(String text) {
    if (text == null || text.isBlank()) {
      return "und";
    }
    Map<Character.UnicodeScript, Integer> scripts = new HashMap<>();
    int letters = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetter(cp)) {
        letters++;
        scripts.merge(Character.UnicodeScript.of(cp), 1, Integer::sum);
      }
    }
    if (letters == 0) {
      return "und";
    }
    Character.UnicodeScript top =
        scripts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    int han = scripts.getOrDefault(Character.UnicodeScript.HAN, 0);
    int kana =
        scripts.getOrDefault(Character.UnicodeScript.HIRAGANA, 0)
            + scripts.getOrDefault(Character.UnicodeScript.KATAKANA, 0);
    // a few CJK characters count like whole words: one Han character carries a word's meaning
    if (han + kana > 0
        && (han + kana) * 3 >= scripts.getOrDefault(Character.UnicodeScript.LATIN, 0)) {
      if (kana > 0) {
        return "ja";
      }
      return "zh";
    }
    switch (top) {
      case DEVANAGARI:
        return "hi";
      case HANGUL:
        return "ko";
      case ARABIC:
        return "ar";
      case CYRILLIC:
        return "ru";
      case GREEK:
        return "el";
      case HEBREW:
        return "he";
      case THAI:
        return "th";
      case BENGALI:
        return "bn";
      case TAMIL:
        return "ta";
      case LATIN:
        return latin(text);
      default:
        return "und";
    }
  }

  private static String latin(String text) {
    Map<String, Integer> hits = new HashMap<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    int words = 0;
    while (m.find() && words < 400) {
      words++;
      String w = m.group();
      for (Map.Entry<String, Set<String>> e : STOP_WORDS.entrySet()) {
        if (e.getValue().contains(w)) {
          hits.merge(e.getKey(), 1, Integer::sum);
        }
      }
    }
    int en = hits.getOrDefault("en", 0);
    String best = "en";
    int bestCount = en;
    for (Map.Entry<String, Integer> e : hits.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    // Spanish/Portuguese marks decide ties that shared words (de, que, a) leave open
    if (text.matches("(?s).*[¿¡ñ].*") && hits.getOrDefault("es", 0) >= bestCount) {
      return "es";
    }
    return best;
  }

  /** The language's English name for messages ("Spanish"), or the code. */
  public static String name(String code) {
    return switch (code) {
      case "en" -> "English";
      case "es" -> "Spanish";
      case "zh" -> "Chinese";
      case "hi" -> "Hindi";
      case "fr" -> "French";
      case "de" -> "German";
      case "pt" -> "Portuguese";
      case "it" -> "Italian";
      case "ja" -> "Japanese";
      case "ko" -> "Korean";
      case "ar" -> "Arabic";
      case "ru" -> "Russian";
      default -> code;
    };
  }
}
