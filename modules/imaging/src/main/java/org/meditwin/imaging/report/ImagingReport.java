package org.meditwin.imaging.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored imaging report. {@link #content()} is the current text (the signed text, or the latest
 * amendment); {@link #signature()} keeps the text exactly as signed.
 *
 * @param archiveStudyId the study's id in the imaging archive, when it was archived
 * @param keyImagePng the key image as rendered (with the heat map overlay when analysed)
 */
public record ImagingReport(
    String id,
    String patientId,
    String studyInstanceUid,
    Optional<String> archiveStudyId,
    ReportContent content,
    StructuredFindings findings,
    Status status,
    Instant created,
    Instant updated,
    Optional<Signature> signature,
    List<Amendment> amendments,
    Optional<byte[]> keyImagePng) {

  /** A draft can be edited; a signed report only amended. */
  public enum Status {
    DRAFT,
    SIGNED
  }

  /** Who signed, when, and the content as signed with its SHA-256. */
  public record Signature(
      String signerPseudonym,
      String signerName,
      Instant at,
      ReportContent content,
      String sha256) {}

  /** A change after signing: reason, author, time and the full new content. */
  public record Amendment(
      int seq,
      String reason,
      String authorPseudonym,
      String authorName,
      Instant at,
      ReportContent content,
      String sha256) {}

  public ImagingReport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    Objects.requireNonNull(archiveStudyId, "archiveStudyId");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(findings, "findings");
    Objects.requireNonNull(status, "status");
    amendments = List.copyOf(amendments);
    Objects.requireNonNull(keyImagePng, "keyImagePng");
  }

  public boolean isSigned() {
    return status == Status.SIGNED;
  }

  /** The record id in the patient-record index and timeline links ("imaging:&lt;id&gt;"). */
  public String recordId() {
    return "imaging:" + id;
  }
}
