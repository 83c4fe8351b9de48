package org.meditwin.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a transcript into speaker turns and sentences with offsets into the original text.
 * Recognises {@code Doctor: …}/{@code Patient: …} (MTS-Dialog, most dictation services), {@code
 * [doctor] …} (ACI-Bench), abbreviations ({@code Dr:}, {@code Pt:}), audiologists, nurses,
 * companions and {@code Speaker 1:}. Unlabelled lines continue the previous turn; text without any
 * label is narrative (a dictated note). Never throws on any input.
 */
final class DialogueSplitter {
  private static final Pattern BRACKET =
      Pattern.compile("\\G[ \\t]*\\[([A-Za-z][A-Za-z _-]{0,30})\\]");
  private static final Pattern COLON =
      Pattern.compile(
          "\\G[ \\t]*(?:\\*\\*)?([A-Za-z][A-Za-z'. _-]{0,30}?|speaker ?\\d{1,2})(?:\\*\\*)?[ \\t]*:",
          Pattern.CASE_INSENSITIVE);

  private static final Set<String> CLINICIANS =
      Set.copyOf(
          java.util.Arrays.asList(
              "doctor",
              "dr",
              "dr.",
              "physician",
              "clinician",
              "provider",
              "audiologist",
              "nurse",
              "np",
              "pa",
              "md",
              "hcp",
              "therapist",
              "dentist",
              "surgeon",
              "practitioner",
              "resident",
              "attending",
              "consultant",
              "gp"));
  private static final Set<String> PATIENTS =
      Set.copyOf(java.util.Arrays.asList("patient", "pt", "pt.", "client"));
  private static final Set<String> OTHERS =
      Set.copyOf(
          java.util.Arrays.asList(
              "mother",
              "father",
              "mom",
              "dad",
              "wife",
              "husband",
              "son",
              "daughter",
              "parent",
              "caregiver",
              "guest",
              "family",
              "interpreter",
              "partner",
              "sister",
              "brother",
              "friend",
              "spouse",
              "patient's wife",
              "patient's husband",
              "patient's mother",
              "patient's father",
              "patient_guest",
              "patient guest",
              "guest_family",
              "guest_clinician"));
  private static final Set<String> ABBREVIATIONS =
      Set.copyOf(
          java.util.Arrays.asList(
              "dr", "mr", "mrs", "ms", "vs", "e.g", "i.e", "etc", "approx", "st", "no", "fig", "dx",
              "hx"));

  private DialogueSplitter() {}

  /** Speaker turns {@code [start, end)} of their content (labels excluded), in order. */
  record Turn(Speaker speaker, int start, int end) {}

  static List<Turn> turns(String text) {
    List<Turn> turns = new ArrayList<>();
    Speaker current = Speaker.NARRATIVE;
    int contentStart = 0;
    boolean any = false;
    int lineStart = 0;
    int n = text.length();
    while (lineStart <= n) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = n;
      }
      Label label = label(text, lineStart, lineEnd);
      if (label != null) {
        if (lineStart > contentStart || any) {
          addTurn(turns, text, current, contentStart, lineStart);
        }
        current = label.speaker();
        contentStart = label.end();
        any = true;
      }
      if (lineEnd >= n) {
        break;
      }
      lineStart = lineEnd + 1;
    }
    addTurn(turns, text, current, contentStart, n);
    return turns;
  }

  private record Label(Speaker speaker, int end) {}

  private static Label label(String text, int lineStart, int lineEnd) {
    Matcher b = BRACKET.matcher(text).region(lineStart, lineEnd);
    if (b.find()) {
      return new Label(role(b.group(1), true), b.end());
    }
    Matcher c = COLON.matcher(text).region(lineStart, lineEnd);
    if (c.find()) {
      Speaker s = role(c.group(1), false);
      if (s != null) {
        return new Label(s, c.end());
      }
    }
    return null;
  }

  /** The role of a speaker label; null when {@code name} is no speaker (a heading like "Plan"). */
  static Speaker role(String name, boolean bracketed) {
    String k = name.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replaceAll("\\s+", " ");
    String kk = k.endsWith(".") ? k.substring(0, k.length() - 1) : k;
    if (CLINICIANS.contains(k)
        || CLINICIANS.contains(kk)
        || kk.startsWith("dr ")
        || kk.startsWith("dr. ")) {
      return Speaker.CLINICIAN;
    }
    if (PATIENTS.contains(k) || PATIENTS.contains(kk)) {
      return Speaker.PATIENT;
    }
    if (OTHERS.contains(k)
        || OTHERS.contains(k.replace(' ', '_'))
        || k.matches("speaker ?\\d{1,2}")
        || k.startsWith("patient's ")) {
      return Speaker.OTHER;
    }
    return bracketed ? Speaker.OTHER : null;
  }

  private static void addTurn(List<Turn> turns, String text, Speaker s, int from, int to) {
    int a = from;
    int b = Math.min(to, text.length());
    while (a < b && Character.isWhitespace(text.charAt(a))) {
      a++;
    }
    while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
      b--;
    }
    if (b > a) {
      turns.add(new Turn(s, a, b));
    }
  }

  /** Every sentence of every turn, in transcript order. */
  static List<Utterance> utterances(String text) {
    List<Utterance> out = new ArrayList<>();
    List<Turn> turns = turns(text);
    for (int t = 0; t < turns.size(); t++) {
      Turn turn = turns.get(t);
      for (int[] s : sentences(text, turn.start(), turn.end())) {
        out.add(new Utterance(t, turn.speaker(), s[0], s[1], text.substring(s[0], s[1])));
      }
    }
    return out;
  }

  /**
   * Sentences of {@code text[from, to)}: cut after {@code . ! ?} (or an ellipsis) followed by white
   * space whatever the case of the next letter (ACI-Bench is lower case), at line breaks and at
   * semicolons; not after common abbreviations; trimmed, punctuation-only pieces dropped.
   */
  static List<int[]> sentences(String text, int from, int to) {
    List<int[]> out = new ArrayList<>();
    int start = from;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      boolean cut = false;
      int end = i + 1;
      if (c == '\n') {
        cut = true;
        end = i;
      } else if ((c == '.' || c == '!' || c == '?')
          && (i + 1 >= to || Character.isWhitespace(text.charAt(i + 1)))) {
        cut = !(c == '.' && abbreviation(text, start, i));
      }
      if (cut) {
        add(out, text, start, end);
        start = i + 1;
      }
    }
    add(out, text, start, to);
    List<int[]> split = new ArrayList<>(out.size());
    for (int[] piece : out) {
      splitRunOn(text, piece[0], piece[1], split);
    }
    return split;
  }

  private static final Pattern RUN_ON_CUT =
      Pattern.compile("(?i)\\s(?=(?:okay|ok|alright|all right|so|um|uh|and then|now)\\s)");

  /**
   * Unpunctuated speech (some ACI-Bench turns run for hundreds of words) is cut before discourse
   * markers ("okay", "so", "alright") once a piece has 50 words, keeping pieces of ≥ 5 words.
   */
  private static void splitRunOn(String text, int from, int to, List<int[]> out) {
    if (words(text, from, to) <= 50) {
      out.add(new int[] {from, to});
      return;
    }
    Matcher m = RUN_ON_CUT.matcher(text).region(from, to);
    int start = from;
    while (m.find()) {
      if (words(text, start, m.start()) >= 5 && words(text, m.end(), to) >= 5) {
        add(out, text, start, m.start());
        start = m.end();
      }
    }
    add(out, text, start, to);
  }

  private static int words(String text, int from, int to) {
    int n = 0;
    boolean in = false;
    for (int i = from; i < to; i++) {
      boolean w = !Character.isWhitespace(text.charAt(i));
      if (w && !in) {
        n++;
      }
      in = w;
    }
    return n;
  }

  private static boolean abbreviation(String text, int start, int dot) {
    if (dot > start && text.charAt(dot - 1) == '.') {
      return false; // ellipsis ends a thought
    }
    int k = dot - 1;
    while (k >= start && (Character.isLetter(text.charAt(k)) || text.charAt(k) == '.')) {
      k--;
    }
    String word = text.substring(k + 1, dot).toLowerCase(Locale.ROOT);
    return ABBREVIATIONS.contains(word)
        || (word.length() == 1 && Character.isUpperCase(text.charAt(dot - 1)));
  }

  private static void add(List<int[]> out, String text, int start, int end) {
    int s = start;
    int e = end;
    while (s < e
        && (Character.isWhitespace(text.charAt(s))
            || text.charAt(s) == '-' && s + 1 < e && text.charAt(s + 1) == ' ')) {
      s++;
    }
    while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
      e--;
    }
    boolean hasWord = false;
    for (int i = s; i < e && !hasWord; i++) {
      hasWord = Character.isLetterOrDigit(text.charAt(i));
    }
    if (hasWord) {
      out.add(new int[] {s, e});
    }
  }
}
