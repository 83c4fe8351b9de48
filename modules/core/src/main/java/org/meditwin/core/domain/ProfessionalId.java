package org.meditwin.core.domain;

import java.util.Objects;
import java.util.UUID;

/** Opaque identifier (a random UUID string); never derived from PHI. */
public record ProfessionalId(String value) {
  public ProfessionalId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("empty id");
    }
  }

  public static ProfessionalId random() {
    return new ProfessionalId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
