package org.meditwin.notes;

import java.util.Objects;
import java.util.UUID;

/** Opaque identifier of a SOAP note (a random UUID string); never derived from PHI. */
public record NoteId(String value) {
  public NoteId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("empty note id");
    }
  }

  public static NoteId random() {
    return new NoteId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
