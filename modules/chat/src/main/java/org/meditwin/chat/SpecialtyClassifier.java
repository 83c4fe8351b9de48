package org.meditwin.chat;

import java.util.Map;
import org.meditwin.inference.classify.SpecialtyRouter;

/** Probability of each specialist for a message; the trained router or a stand-in in tests. */
@FunctionalInterface
public interface SpecialtyClassifier {
  Map<Specialist, Double> scores(String text);

  /** The trained {@code specialty-router} head of modules/inference. */
  static SpecialtyClassifier of(SpecialtyRouter router) {
    return text -> {
      Map<Specialist, Double> out = new java.util.EnumMap<>(Specialist.class);
      router.route(text).scores().forEach((s, p) -> out.put(Specialist.of(s), p));
      return out;
    };
  }
}
