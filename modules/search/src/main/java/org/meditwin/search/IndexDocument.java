package org.meditwin.search;

import java.util.Objects;

/**
 * A document to index. It is chunked; every chunk keeps {@code id}, {@code title} and {@code
 * metadata}. Adding a document with an existing id replaces all its chunks.
 */
public record IndexDocument(String id, String title, String text, DocumentMetadata metadata) {
  public IndexDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(metadata, "metadata");
    if (id.isBlank()) {
      throw new IllegalArgumentException("document id must not be blank");
    }
  }
}
