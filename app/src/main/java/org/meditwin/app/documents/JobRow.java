package org.meditwin.app.documents;

import java.time.Instant;
import java.util.Optional;
import org.meditwin.documents.DocumentFormat;
import org.meditwin.documents.DocumentStatus;
import org.meditwin.documents.DocumentSummary;
import org.meditwin.documents.FailureReason;

/**
 * One row of the documents list: a stored document with its job state, or a file that was refused
 * at import (kept for this session only so the user sees why).
 *
 * @param id document id; for a refused file a local id starting with {@code refused:}
 * @param progress 0–1 while processing, -1 when unknown
 */
record JobRow(
    String id,
    String fileName,
    Optional<DocumentFormat> format,
    Optional<DocumentStatus> status,
    Optional<FailureReason> failure,
    int pages,
    int ocrPages,
    int textChars,
    double progress,
    Instant createdAt,
    boolean duplicate) {

  static JobRow of(DocumentSummary d) {
    return new JobRow(
        d.id(),
        d.fileName(),
        Optional.of(d.format()),
        Optional.of(d.status()),
        d.failure(),
        d.pages(),
        d.ocrPages(),
        d.textChars(),
        d.status() == DocumentStatus.DONE ? 1 : -1,
        d.createdAt(),
        false);
  }

  static JobRow refused(String localId, String fileName, FailureReason reason, Instant at) {
    return new JobRow(
        localId,
        fileName,
        Optional.empty(),
        Optional.empty(),
        Optional.of(reason),
        0,
        0,
        0,
        -1,
        at,
        false);
  }

  boolean refused() {
    return status.isEmpty();
  }

  boolean running() {
    return status
        .filter(s -> s == DocumentStatus.PENDING || s == DocumentStatus.PROCESSING)
        .isPresent();
  }

  boolean failed() {
    return status.filter(s -> s == DocumentStatus.FAILED).isPresent();
  }

  boolean done() {
    return status.filter(s -> s == DocumentStatus.DONE).isPresent();
  }

  JobRow withProgress(DocumentStatus s, double p) {
    return new JobRow(
        id,
        fileName,
        format,
        Optional.of(s),
        failure,
        pages,
        ocrPages,
        textChars,
        p,
        createdAt,
        duplicate);
  }

  JobRow asDuplicate() {
    return new JobRow(
        id, fileName, format, status, failure, pages, ocrPages, textChars, progress, createdAt,
        true);
  }
}
