package org.meditwin.inference.generate;

import java.util.List;

/**
 * What to generate.
 *
 * @param system instructions for generative providers (ignored by the extractive composer)
 * @param question the user's question
 * @param sources passages the answer must be grounded in (may be empty for free chat)
 * @param maxTokens upper bound on generated tokens
 * @param temperature sampling temperature (0 = greedy)
 */
public record GenerationRequest(
    String system,
    String question,
    List<SourcePassage> sources,
    int maxTokens,
    double temperature) {
  public GenerationRequest {
    if (question == null || question.isBlank()) {
      throw new IllegalArgumentException("a question is required");
    }
    system = system == null ? "" : system;
    sources = sources == null ? List.of() : List.copyOf(sources);
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be positive");
    }
  }

  public static GenerationRequest of(String question, List<SourcePassage> sources) {
    return new GenerationRequest("", question, sources, 512, 0.2);
  }

  /** The sources rendered as numbered context for a prompt. */
  public String numberedSources() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sources.size(); i++) {
      SourcePassage s = sources.get(i);
      sb.append('[')
          .append(i + 1)
          .append("] ")
          .append(s.title())
          .append('\n')
          .append(s.text())
          .append("\n\n");
    }
    return sb.toString();
  }
}
