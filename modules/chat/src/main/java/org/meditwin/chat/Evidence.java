package org.meditwin.chat;

import java.util.Optional;

/**
 * A passage a specialist may use: a knowledge-base chunk or a patient record.
 *
 * @param score retrieval score as returned by the index (higher is better; scale depends on mode)
 * @param rank 0-based rank in its retrieval list
 */
record Evidence(
    String id,
    String kind,
    String title,
    String source,
    Optional<String> url,
    Optional<String> focus,
    Optional<String> questionType,
    Optional<String> specialty,
    String text,
    double score,
    int rank) {

  Citation citation() {
    return new Citation(id, title, source, url, kind);
  }

  boolean patient() {
    return Citation.PATIENT.equals(kind);
  }

  /** The topic used to compare specialists' answers: focus, else title. */
  String topic() {
    return focus.orElse(title);
  }
}
