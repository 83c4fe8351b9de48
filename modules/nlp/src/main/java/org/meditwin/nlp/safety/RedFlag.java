package org.meditwin.nlp.safety;

import java.util.List;
import java.util.Objects;

/**
 * An emergency or urgent warning sign found in free text (a chat message or a visit transcript).
 *
 * @param id stable identifier, e.g. {@code acs-chest-pain}
 * @param name human-readable name, e.g. "Chest pain with warning signs"
 * @param urgency {@link #EMERGENCY} (call emergency services now) or {@link #URGENT} (same-day
 *     clinical assessment)
 * @param nextSteps what to do now, most important first
 * @param matched the phrases of the text that triggered the flag, in text order
 */
public record RedFlag(
    String id, String name, String urgency, List<String> nextSteps, List<String> matched) {
  public static final String EMERGENCY = "EMERGENCY";
  public static final String URGENT = "URGENT";

  public RedFlag {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (!EMERGENCY.equals(urgency) && !URGENT.equals(urgency)) {
      throw new IllegalArgumentException("urgency must be EMERGENCY or URGENT: " + urgency);
    }
    nextSteps = List.copyOf(nextSteps);
    matched = List.copyOf(matched);
  }

  public boolean emergency() {
    return EMERGENCY.equals(urgency);
  }
}
