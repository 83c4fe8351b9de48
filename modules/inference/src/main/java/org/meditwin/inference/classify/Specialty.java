package org.meditwin.inference.classify;

import java.util.Optional;

/** The five specialist routes of the chat orchestrator, in head output order. */
public enum Specialty {
  CARDIOLOGY("cardiology", "Cardiology"),
  NEUROLOGY("neurology", "Neurology"),
  ORTHOPEDICS("orthopedics", "Orthopedics"),
  GENERAL_MEDICINE("general-medicine", "General medicine"),
  ENT_AUDIOLOGY("ent-audiology", "ENT / audiology");

  private final String label;
  private final String displayName;

  Specialty(String label, String displayName) {
    this.label = label;
    this.displayName = displayName;
  }

  /** Stable label stored in {@code model.json}. */
  public String label() {
    return label;
  }

  public String displayName() {
    return displayName;
  }

  public static Optional<Specialty> fromLabel(String label) {
    for (Specialty s : values()) {
      if (s.label.equals(label)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
