package org.meditwin.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.meditwin.nlp.text.Sentences;

/**
 * Recognises instructions aimed at the assistant inside messages, attached context and retrieved
 * passages ("ignore previous instructions", "you are now…", "reveal your system prompt"). Such
 * sentences never select tools or specialists and never reach a model as passage text: passages and
 * documents are data (ADR 0102).
 */
final class InjectionGuard {
  private InjectionGuard() {}

  static final Pattern INSTRUCTION =
      Pattern.compile(
          "(?<![\\p{L}])(ignore|disregard|forget|override|bypass)\\b.{0,40}\\b(instructions?|"
              + "prompts?|rules?|guidelines?|directions?|system|context|above|previous|prior)"
              + "|(?<![\\p{L}])(system|developer|hidden) (prompt|message|instructions?)"
              + "|(?<![\\p{L}])you are (now|no longer)\\b|(?<![\\p{L}])from now on,? you"
              + "|(?<![\\p{L}])(act|behave|respond) as (if|an?|the)\\b.{0,30}\\b(unrestricted|"
              + "jailbroken|without (rules|restrictions)|dan|developer)"
              + "|(?<![\\p{L}])(jailbreak|developer mode|do anything now|prompt injection)"
              + "|(?<![\\p{L}])(reveal|print|show|repeat|output|leak)\\b.{0,30}\\b(system prompt|"
              + "instructions|your prompt|hidden prompt)"
              + "|(?<![\\p{L}])(call|run|execute|invoke|trigger) (the |a |all |every )?(tools?|"
              + "functions?)\\b"
              + "|<\\s*/?\\s*(system|assistant|instructions?)\\s*>|\\[/?(inst|system)\\]",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);

  static boolean containsInstruction(String text) {
    return INSTRUCTION.matcher(text).find();
  }

  /** {@code text} without its instruction sentences; {@code removed} counts them. */
  static Cleaned clean(String text) {
    if (!containsInstruction(text)) {
      return new Cleaned(text, 0);
    }
    StringBuilder out = new StringBuilder();
    int removed = 0;
    List<int[]> sentences = new ArrayList<>(Sentences.split(text));
    if (sentences.isEmpty()) {
      return new Cleaned(text, 0);
    }
    for (int[] s : sentences) {
      String sentence = text.substring(s[0], s[1]);
      if (containsInstruction(sentence)) {
        removed++;
      } else {
        out.append(sentence).append(' ');
      }
    }
    return new Cleaned(out.toString().strip(), removed);
  }

  record Cleaned(String text, int removed) {}
}
