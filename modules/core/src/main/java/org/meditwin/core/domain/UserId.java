package org.meditwin.core.domain;

import java.util.Objects;
import java.util.UUID;

/** Opaque identifier (a random UUID string); never derived from PHI. */
public record UserId(String value) {
  public UserId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("empty id");
    }
  }

  public static UserId random() {
    return new UserId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
