package org.meditwin.core.domain;

import java.util.Objects;
import java.util.UUID;

/** Opaque identifier (a random UUID string); never derived from PHI. */
public record VisitId(String value) {
  public VisitId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("empty id");
    }
  }

  public static VisitId random() {
    return new VisitId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
