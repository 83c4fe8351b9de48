package org.meditwin.core.domain;

import java.util.Objects;
import java.util.UUID;

/** Opaque identifier (a random UUID string); never derived from PHI. */
public record PatientId(String value) {
  public PatientId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("empty id");
    }
  }

  public static PatientId random() {
    return new PatientId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
