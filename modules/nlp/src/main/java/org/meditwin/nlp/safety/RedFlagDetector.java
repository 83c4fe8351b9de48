package org.meditwin.nlp.safety;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meditwin.nlp.ner.Assertion;
import org.meditwin.nlp.ner.ConTextRules;
import org.meditwin.nlp.text.Token;
import org.meditwin.nlp.text.Tokenizer;

/**
 * Finds emergency and urgent warning signs in free text (chat messages, visit transcripts) with
 * published triage criteria ({@link #criteria()}). Every finding is checked with the NegEx/ConText
 * assertion of {@link ConTextRules} in its clause: negated ("no chest pain"), historical ("history
 * of stroke", "years ago"), someone else's past ("my father had a stroke") and hypothetical or
 * educational mentions ("what are the signs of a stroke?", "if I get chest pain") do not fire.
 * Rules favour recall: an uncertain but current report ("I think I might be having a heart attack")
 * fires.
 *
 * <p>Thread-safe and stateless; inputs of any size and script are accepted (text past {@link
 * #MAX_CHARS} is not examined).
 */
public final class RedFlagDetector {
  /** Characters examined; a chat message or a long visit transcript fits. */
  public static final int MAX_CHARS = 200_000;

  /** Words before a finding in which a hypothetical or educational framing is looked for. */
  static final int FRAME_WINDOW_WORDS = 10;

  private static final Pattern CLAUSE_END = Pattern.compile("[.!?;\\n。！？।]+");

  /** Framings that make a mention hypothetical, conditional or educational. */
  private static final Pattern HYPOTHETICAL =
      Pattern.compile(
          "(?<![\\p{L}])(if|in case( of)?|what if|whether|unless|risk of|risk factors?|at risk|"
              + "to prevent|prevent(ing)?|prevention of|avoid(ing)?|signs? of|symptoms? of|"
              + "warning signs|causes? of|how (do|can|would|should|will) (i|you|we|one|people|"
              + "someone) (know|tell|recogni[sz]e|spot|identify)|what (causes|happens (in|during|"
              + "when))|"
              + "explain|tell me about|information (on|about)|learn(ing)? about|leaflet|article|"
              + "difference between|is it normal|worried about getting|afraid of (getting|having)|"
              + "scared of (getting|having)|in the event of|when to (call|seek|go))(?![\\p{L}])");

  /** A definition question right before the finding ("what is anaphylaxis"). */
  private static final Pattern DEFINITION =
      Pattern.compile(
          "((?<![\\p{L}])(what|who|which|how) (is|are|was|does|do|did|would|will|can|could) "
              + "(a |an |the )?|(?<![\\p{L}])(define|definition of|meaning of|about) "
              + "(a |an |the )?)$");

  /** Markers that an event is happening now, overriding history and other-person framing. */
  private static final Pattern STRONG_ACUTE =
      Pattern.compile(
          "(?<![\\p{L}])(right now|just now|just (started|began|happened|collapsed|fainted|fell)|"
              + "suddenly|all of a sudden|currently|at the moment|this (morning|evening|afternoon)|"
              + "tonight|today|(\\d+|a few|few|ten|twenty|thirty|an?|one|two) (minutes?|mins?|hours?)"
              + " ago|since (this morning|last night|an hour)|is (not breathing|"
              + "unconscious|unresponsive|bleeding|slurring|vomiting|sweating|struggling|"
              + "collapsing|seizing|fitting|turning)|started (an hour|minutes|"
              + "this)|now (has|is|can'?t|cannot))(?![\\p{L}])");

  /** Long-ago framing that makes a report part of the history. */
  private static final Pattern LONG_AGO =
      Pattern.compile(
          "(?<![\\p{L}])((\\d+|a few|few|several|many|two|three|four|five|ten) (years?|months?|"
              + "decades?) ago|last year|in (19|20)\\d\\d|as a (child|kid|teenager)|when i was "
              + "(young|little|a)|history of|years back|childhood|at (the )?age (of )?\\d+)"
              + "(?![\\p{L}])");

  /** Past framing for named events ("I had a stroke", "since my heart attack"). */
  private static final Pattern PAST_EVENT =
      Pattern.compile(
          "(?<![\\p{L}])(had (a|an|his|her|my)?|have had|has had|survived|recovered from|after "
              + "(my|his|her|the)|since (my|his|her|the)|died (of|from|after)|passed away|previous|"
              + "prior|old|was diagnosed|got over)(?![\\p{L}])");

  /** Phrases that contain a negation word but do not negate ("no idea", "not sure"). */
  private static final Pattern PSEUDO_NEGATION =
      Pattern.compile(
          "(?<![\\p{L}])(no idea|not sure|no clue|not certain|don'?t know|do not know|not know|"
              + "no matter|not only|can'?t tell|not getting better|no better|not improving|"
              + "no relief|not going away|won'?t go away|doesn'?t go away|not helping|no help)"
              + "(?![\\p{L}])");

  /** Contracted negations that the tokenizer splits ("don't", "isn't"). */
  private static final Pattern CONTRACTED_NEGATION =
      Pattern.compile(
          "(?<![\\p{L}])(don'?t|do not|doesn'?t|does not|didn'?t|did not|isn'?t|aren'?t|wasn'?t|"
              + "weren'?t|haven'?t|hasn'?t|hadn'?t|never|no longer|not|sin|nunca|ning[uú]n|"
              + "tampoco)(?![\\p{L}])");

  /** Chinese negation right before a finding ("没有胸痛"). */
  private static final Pattern HAN_NEGATION = Pattern.compile("(没有|没|无|否认|未|不)(出现|感到|觉得|有)?$");

  /** Hindi negation after a finding ("सीने में दर्द नहीं है"). */
  private static final Pattern HINDI_NEGATION = Pattern.compile("^\\s*(नहीं|ना)(?![\\p{L}])");

  /** Educational or conditional framing in Spanish, Chinese and Hindi. */
  private static final Pattern FOREIGN_EDUCATIONAL =
      Pattern.compile(
          "(?<![\\p{L}])(qu[eé] es|s[ií]ntomas de|se[ñn]ales de|c[oó]mo (prevenir|evitar|saber)|"
              + "si tengo|en caso de)(?![\\p{L}])|如果|什么是|是什么|症状|怎么预防|如何预防|"
              + "预防|लक्षण|क्या है|अगर|कैसे बचें");

  /** Past framing in Spanish and Chinese ("mi padre tuvo un derrame", "以前中风过"). */
  private static final Pattern FOREIGN_PAST =
      Pattern.compile(
          "(?<![\\p{L}])(tuvo|tuve|ha tenido|muri[oó]|hace (\\d+|unos|varios) a[ñn]os)(?![\\p{L}])"
              + "|得过|以前|曾经|去世|年前");

  private static final Pattern CONTRAST =
      Pattern.compile("(?<![\\p{L}])(but|now|and|however|although|yet|except|which)(?![\\p{L}])");

  private static final List<Finding> MODIFIERS = List.of(Finding.SUDDEN, Finding.GRADUAL);

  private static final List<Finding> NAMED_EVENTS =
      List.of(
          Finding.STROKE,
          Finding.HEART_ATTACK,
          Finding.ANAPHYLAXIS,
          Finding.MENINGITIS,
          Finding.SEPSIS,
          Finding.CAUDA_EQUINA,
          Finding.SEIZURE,
          Finding.OVERDOSE);

  private static final RedFlagDetector STANDARD = new RedFlagDetector(TriageCriteria.ALL);

  private final List<TriageCriteria.Rule> rules;

  private RedFlagDetector(List<TriageCriteria.Rule> rules) {
    this.rules = rules;
  }

  /** The detector with every published criterion of {@link #criteria()}. */
  public static RedFlagDetector standard() {
    return STANDARD;
  }

  /** The criteria the detector applies, with their published sources. */
  public static List<RedFlagCriterion> criteria() {
    return TriageCriteria.ALL.stream().map(TriageCriteria.Rule::criterion).distinct().toList();
  }

  /**
   * Red flags in {@code text}, most urgent first, one per criterion. Never throws; empty or
   * non-clinical text gives an empty list.
   */
  public List<RedFlag> detect(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String limited = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    Map<Finding, List<String>> found = findings(limited);
    if (found.isEmpty()) {
      return List.of();
    }
    List<RedFlag> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (TriageCriteria.Rule r : rules) {
      if (!seen.contains(r.criterion().id()) && r.test(found)) {
        seen.add(r.criterion().id());
        out.add(r.flag(found));
      }
    }
    out.sort(java.util.Comparator.comparing(f -> f.emergency() ? 0 : 1));
    return List.copyOf(out);
  }

  /** Affirmed findings of the text with the phrases that expressed them, in text order. */
  static Map<Finding, List<String>> findings(String text) {
    Map<Finding, List<String>> found = new EnumMap<>(Finding.class);
    String norm = normalise(text);
    Matcher clauses = CLAUSE_END.matcher(norm);
    int start = 0;
    while (start < norm.length()) {
      int end = norm.length();
      int next = norm.length();
      if (clauses.find(start)) {
        end = clauses.start();
        next = clauses.end();
      }
      if (end > start) {
        clause(text, norm, start, end, found);
      }
      start = Math.max(next, start + 1);
    }
    return found;
  }

  private static void clause(
      String original, String norm, int from, int to, Map<Finding, List<String>> found) {
    String clause = norm.substring(from, to);
    if (clause.isBlank()) {
      return;
    }
    List<Token> tokens = neutralisePseudoNegations(clause, Tokenizer.tokenize(clause));
    String masked = maskPseudoNegations(clause);
    boolean strongAcute = STRONG_ACUTE.matcher(clause).find();
    // an educational question about a condition ("migraine or stroke: what are the warning
    // signs of each?") frames the named conditions in it, whatever the word order; reported
    // symptoms before the question ("chest pain and sweating, what are the signs of …?") count
    boolean educationalQuestion =
        to < norm.length()
            && norm.charAt(to) == '?'
            && HYPOTHETICAL.matcher(clause).find()
            && !strongAcute;
    for (Finding f : Finding.values()) {
      for (Pattern p : f.patterns) {
        Matcher m = p.matcher(clause);
        while (m.find()) {
          if (m.end() == m.start()) {
            continue;
          }
          if (!(educationalQuestion && NAMED_EVENTS.contains(f))
              && affirmed(f, clause, masked, tokens, m.start(), m.end(), strongAcute)) {
            String phrase = original.substring(from + m.start(), from + m.end());
            List<String> list = found.computeIfAbsent(f, k -> new ArrayList<>());
            if (!list.contains(phrase)) {
              list.add(phrase);
            }
          }
        }
      }
    }
  }

  private static boolean affirmed(
      Finding f,
      String clause,
      String masked,
      List<Token> tokens,
      int start,
      int end,
      boolean strongAcute) {
    int fromToken = -1;
    int toToken = -1;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.end() > start && t.start() < end) {
        if (fromToken < 0) {
          fromToken = i;
        }
        toToken = i + 1;
      }
    }
    if (fromToken < 0) {
      return false;
    }
    Assertion a = ConTextRules.assess(tokens, fromToken, toToken);
    String before = window(clause, tokens, fromToken);
    if (a.negated()
        || contractedNegation(masked, tokens, fromToken, start)
        || HAN_NEGATION.matcher(clause.substring(Math.max(0, start - 4), start)).find()
        || HINDI_NEGATION
            .matcher(clause.substring(end, Math.min(clause.length(), end + 12)))
            .find()) {
      return false;
    }
    if (MODIFIERS.contains(f)) {
      return true;
    }
    if ((HYPOTHETICAL.matcher(before).find()
            || DEFINITION.matcher(before).find()
            || FOREIGN_EDUCATIONAL.matcher(clause).find())
        && !strongAcute) {
      return false;
    }
    boolean longAgo = LONG_AGO.matcher(clause).find() || FOREIGN_PAST.matcher(clause).find();
    if ((a.historical() || longAgo) && !strongAcute) {
      return false;
    }
    if (NAMED_EVENTS.contains(f) && PAST_EVENT.matcher(before).find() && !strongAcute) {
      return false;
    }
    if (a.experiencer() != Assertion.Experiencer.PATIENT) {
      // another person: an acute event now counts; their past illness does not
      return strongAcute || !(PAST_EVENT.matcher(clause).find() || longAgo || a.historical());
    }
    return true;
  }

  /** The clause text from {@link #FRAME_WINDOW_WORDS} words before the finding up to it. */
  private static String window(String clause, List<Token> tokens, int fromToken) {
    int words = 0;
    int i = fromToken;
    while (i > 0 && words < FRAME_WINDOW_WORDS) {
      i--;
      if (tokens.get(i).isWord()) {
        words++;
      }
    }
    int begin = fromToken == 0 ? 0 : tokens.get(i).start();
    return clause.substring(begin, tokens.get(fromToken).start());
  }

  /**
   * "don't", "isn't", "never" within six words before the finding, with no contrastive word ("but",
   * "now", "and") in between, negate it as ConText's "not" does for the split forms.
   */
  private static boolean contractedNegation(
      String clause, List<Token> tokens, int fromToken, int start) {
    int words = 0;
    int i = fromToken;
    while (i > 0 && words < 6) {
      i--;
      if (tokens.get(i).isWord()) {
        words++;
      }
    }
    String before = clause.substring(tokens.get(i).start(), start);
    Matcher m = CONTRACTED_NEGATION.matcher(before);
    int last = -1;
    while (m.find()) {
      last = m.end();
    }
    if (last < 0) {
      return false;
    }
    String after = before.substring(last);
    return !CONTRAST.matcher(after).find();
  }

  private static String maskPseudoNegations(String clause) {
    Matcher m = PSEUDO_NEGATION.matcher(clause);
    if (!m.find()) {
      return clause;
    }
    char[] c = clause.toCharArray();
    do {
      java.util.Arrays.fill(c, m.start(), m.end(), ' ');
    } while (m.find());
    return new String(c);
  }

  /** Replaces the tokens of pseudo-negations with neutral ones so ConText does not negate. */
  private static List<Token> neutralisePseudoNegations(String clause, List<Token> tokens) {
    Matcher m = PSEUDO_NEGATION.matcher(clause);
    if (!m.find()) {
      return tokens;
    }
    List<Token> out = new ArrayList<>(tokens);
    do {
      for (int i = 0; i < out.size(); i++) {
        Token t = out.get(i);
        if (t.start() >= m.start() && t.end() <= m.end() && t.isWord()) {
          out.set(i, new Token("x", t.start(), t.end()));
        }
      }
    } while (m.find());
    return out;
  }

  /** Lower case with straight apostrophes, one char per char so offsets stay valid. */
  static String normalise(String text) {
    char[] c = text.toCharArray();
    for (int i = 0; i < c.length; i++) {
      char ch = c[i];
      c[i] = ch == '\u2019' || ch == '\u2018' || ch == '`' ? '\'' : Character.toLowerCase(ch);
    }
    return new String(c);
  }
}
