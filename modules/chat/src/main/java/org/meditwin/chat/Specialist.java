package org.meditwin.chat;

import java.util.Optional;
import org.meditwin.inference.classify.Specialty;

/** The specialist agents the orchestrator can consult. */
public enum Specialist {
  CARDIOLOGY("cardiology", "Cardiology"),
  NEUROLOGY("neurology", "Neurology"),
  ORTHOPEDICS("orthopedics", "Orthopedics"),
  GENERAL_PHYSICIAN("general-physician", "General physician"),
  AUDIOLOGY("audiology", "Audiology");

  private final String id;
  private final String displayName;

  Specialist(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  /** Stable id used in answers and the CLI contract. */
  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  /** The specialist for a route of the trained router. */
  public static Specialist of(Specialty s) {
    return switch (s) {
      case CARDIOLOGY -> CARDIOLOGY;
      case NEUROLOGY -> NEUROLOGY;
      case ORTHOPEDICS -> ORTHOPEDICS;
      case GENERAL_MEDICINE -> GENERAL_PHYSICIAN;
      case ENT_AUDIOLOGY -> AUDIOLOGY;
    };
  }

  public static Optional<Specialist> fromId(String id) {
    for (Specialist s : values()) {
      if (s.id.equals(id)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
