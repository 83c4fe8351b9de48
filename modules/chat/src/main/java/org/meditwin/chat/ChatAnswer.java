package org.meditwin.chat;

import java.util.List;
import org.meditwin.nlp.safety.RedFlag;

/**
 * A finished answer.
 *
 * @param answer the text shown (inline {@code [n]} markers refer to {@link #citations()})
 * @param citations the cited sources, in marker order
 * @param specialists the specialists that contributed (ids such as {@code cardiology})
 * @param redFlags emergency or urgent warning signs found in the message
 * @param confidence 0–1, derived from the evidence (retrieval scores, specialist agreement,
 *     coverage of the question); 0 when nothing relevant was found
 * @param disclaimer the medical disclaimer that goes with every answer
 * @param tools the tools run for this message, with inputs and results
 * @param language detected language of the message (ISO 639-1: en, es, zh, hi, … or "und")
 * @param answeredInEnglishOnly true when the message was not in English and the answer is in
 *     English because the knowledge base is English
 */
public record ChatAnswer(
    String answer,
    List<Citation> citations,
    List<String> specialists,
    List<RedFlag> redFlags,
    double confidence,
    String disclaimer,
    List<ToolCall> tools,
    String language,
    boolean answeredInEnglishOnly) {
  public ChatAnswer {
    answer = answer == null ? "" : answer;
    citations = List.copyOf(citations);
    specialists = List.copyOf(specialists);
    redFlags = List.copyOf(redFlags);
    tools = List.copyOf(tools);
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be within [0, 1]: " + confidence);
    }
  }
}
