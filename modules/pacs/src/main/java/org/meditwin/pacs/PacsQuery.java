package org.meditwin.pacs;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Matching keys of a query. Empty keys do not constrain the match. Patient name supports DICOM
 * wildcards ({@code *}, {@code ?}); the study date is a closed range (either end may be open).
 * SERIES and IMAGE queries need the study (and IMAGE the series) instance UID.
 */
public record PacsQuery(
    QueryLevel level,
    Optional<String> patientId,
    Optional<String> patientName,
    Optional<LocalDate> studyDateFrom,
    Optional<LocalDate> studyDateTo,
    Optional<String> modality,
    Optional<String> accessionNumber,
    Optional<String> studyInstanceUid,
    Optional<String> seriesInstanceUid) {

  public PacsQuery {
    Objects.requireNonNull(level, "level");
    patientId = clean(patientId);
    patientName = clean(patientName);
    studyDateFrom = studyDateFrom == null ? Optional.empty() : studyDateFrom;
    studyDateTo = studyDateTo == null ? Optional.empty() : studyDateTo;
    modality = clean(modality);
    accessionNumber = clean(accessionNumber);
    studyInstanceUid = clean(studyInstanceUid);
    seriesInstanceUid = clean(seriesInstanceUid);
    if (studyDateFrom.isPresent()
        && studyDateTo.isPresent()
        && studyDateFrom.get().isAfter(studyDateTo.get())) {
      throw new IllegalArgumentException("The study date range ends before it starts.");
    }
    if ((level == QueryLevel.SERIES || level == QueryLevel.IMAGE) && studyInstanceUid.isEmpty()) {
      throw new IllegalArgumentException("A series or image query needs the study instance UID.");
    }
    if (level == QueryLevel.IMAGE && seriesInstanceUid.isEmpty()) {
      throw new IllegalArgumentException("An image query needs the series instance UID.");
    }
  }

  private static Optional<String> clean(Optional<String> v) {
    return v == null ? Optional.empty() : v.map(String::strip).filter(s -> !s.isEmpty());
  }

  /** A query at {@code level} with no matching keys. */
  public static PacsQuery at(QueryLevel level) {
    return new PacsQuery(
        level,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** All studies (STUDY level) with no matching keys. */
  public static PacsQuery studies() {
    return at(QueryLevel.STUDY);
  }

  /** The series of one study. */
  public static PacsQuery seriesOf(String studyInstanceUid) {
    return new PacsQuery(
        QueryLevel.SERIES,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(studyInstanceUid),
        Optional.empty());
  }

  /** The instances of one series. */
  public static PacsQuery instancesOf(String studyInstanceUid, String seriesInstanceUid) {
    return new PacsQuery(
        QueryLevel.IMAGE,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(studyInstanceUid),
        Optional.of(seriesInstanceUid));
  }

  public PacsQuery withPatientId(String v) {
    return new PacsQuery(
        level,
        Optional.ofNullable(v),
        patientName,
        studyDateFrom,
        studyDateTo,
        modality,
        accessionNumber,
        studyInstanceUid,
        seriesInstanceUid);
  }

  public PacsQuery withPatientName(String v) {
    return new PacsQuery(
        level,
        patientId,
        Optional.ofNullable(v),
        studyDateFrom,
        studyDateTo,
        modality,
        accessionNumber,
        studyInstanceUid,
        seriesInstanceUid);
  }

  public PacsQuery withStudyDates(Optional<LocalDate> from, Optional<LocalDate> to) {
    return new PacsQuery(
        level,
        patientId,
        patientName,
        from,
        to,
        modality,
        accessionNumber,
        studyInstanceUid,
        seriesInstanceUid);
  }

  public PacsQuery withModality(String v) {
    return new PacsQuery(
        level,
        patientId,
        patientName,
        studyDateFrom,
        studyDateTo,
        Optional.ofNullable(v),
        accessionNumber,
        studyInstanceUid,
        seriesInstanceUid);
  }

  public PacsQuery withAccessionNumber(String v) {
    return new PacsQuery(
        level,
        patientId,
        patientName,
        studyDateFrom,
        studyDateTo,
        modality,
        Optional.ofNullable(v),
        studyInstanceUid,
        seriesInstanceUid);
  }

  public PacsQuery withStudyInstanceUid(String v) {
    return new PacsQuery(
        level,
        patientId,
        patientName,
        studyDateFrom,
        studyDateTo,
        modality,
        accessionNumber,
        Optional.ofNullable(v),
        seriesInstanceUid);
  }

  /**
   * The DICOM date range matching value ({@code YYYYMMDD-YYYYMMDD}, open ends allowed), empty when
   * no date constrains the query.
   */
  public Optional<String> studyDateRange() {
    if (studyDateFrom.isEmpty() && studyDateTo.isEmpty()) {
      return Optional.empty();
    }
    String from = studyDateFrom.map(PacsQuery::da).orElse("");
    String to = studyDateTo.map(PacsQuery::da).orElse("");
    return Optional.of(from.equals(to) ? from : from + "-" + to);
  }

  private static String da(LocalDate d) {
    return String.format("%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
  }
}
