package org.meditwin.inference.generate;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries providers in order and returns the first answer; a provider that is unavailable or fails is
 * skipped. End the list with an {@link ExtractiveComposer} so there is always an answer offline.
 */
public final class ProviderChain implements GenerativeProvider {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderChain.class);
  private final List<GenerativeProvider> providers;

  public ProviderChain(List<GenerativeProvider> providers) {
    if (providers.isEmpty()) {
      throw new IllegalArgumentException("a provider chain needs at least one provider");
    }
    this.providers = List.copyOf(providers);
  }

  @Override
  public String name() {
    return "chain";
  }

  public List<GenerativeProvider> providers() {
    return providers;
  }

  @Override
  public boolean available() {
    return providers.stream().anyMatch(GenerativeProvider::available);
  }

  @Override
  public Generation generate(GenerationRequest request, TokenSink sink) {
    List<String> failures = new ArrayList<>();
    for (GenerativeProvider p : providers) {
      if (!p.available()) {
        failures.add(p.name() + ": unavailable");
        continue;
      }
      boolean[] streamed = {false};
      try {
        return p.generate(
            request,
            t -> {
              streamed[0] = true;
              sink.token(t);
            });
      } catch (RuntimeException e) {
        LOG.warn("provider {} failed, trying the next one: {}", p.name(), e.getMessage());
        failures.add(p.name() + ": " + e.getMessage());
        if (streamed[0]) {
          sink.reset();
        }
      }
    }
    throw new GenerationException(
        "No answer provider succeeded (" + String.join("; ", failures) + ")", false);
  }
}
