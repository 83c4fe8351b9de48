package org.meditwin.inference.generate;

/**
 * Produces an answer, streaming text to a sink. Implementations: {@link LlamaCppProvider} (local
 * GGUF), {@link OpenAiCompatibleProvider} (clinic server), {@link ExtractiveComposer} (always
 * available offline); {@link ProviderChain} tries them in order.
 */
public interface GenerativeProvider {
  String name();

  /** Whether a call may be attempted now (configured, model present, circuit closed). */
  boolean available();

  Generation generate(GenerationRequest request, TokenSink sink) throws GenerationException;
}
