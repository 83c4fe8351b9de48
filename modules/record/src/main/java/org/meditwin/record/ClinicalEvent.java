package org.meditwin.record;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One entry of a patient's timeline. Everything except {@code id}, {@code patientId}, {@code type},
 * {@code status} and the provenance kind is PHI.
 *
 * @param id opaque id; blank for a new event ({@link TimelineService#add} assigns one)
 * @param date the CLINICAL date (onset, effective, authored, performed) — never the import date
 * @param endDate abatement / end of a medication or visit, when known
 * @param bodyPart free text or an anatomy term (see {@link Anatomy}), e.g. "ear", "cochlea"
 * @param value numeric result for observations (vitals, labs, hearing threshold in dB HL)
 */
public record ClinicalEvent(
    String id,
    String patientId,
    EventType type,
    String title,
    Optional<String> code,
    LocalDate date,
    Optional<LocalDate> endDate,
    Optional<String> bodyPart,
    Laterality laterality,
    Optional<String> severity,
    EventStatus status,
    OptionalDouble value,
    Optional<String> unit,
    Provenance provenance) {

  static final int MAX_TITLE = 2000;

  public ClinicalEvent {
    id = id == null ? "" : id.strip();
    Objects.requireNonNull(patientId, "patientId");
    patientId = patientId.strip();
    if (patientId.isEmpty()) {
      throw new IllegalArgumentException("An event needs a patient.");
    }
    Objects.requireNonNull(type, "type");
    title = title == null ? "" : title.strip();
    if (title.isEmpty()) {
      throw new IllegalArgumentException("An event needs a title.");
    }
    if (title.length() > MAX_TITLE) {
      throw new IllegalArgumentException("Event title is too long (at most 2000 characters).");
    }
    code = blankToEmpty(code, "Code", 200);
    Objects.requireNonNull(date, "date");
    endDate = endDate == null ? Optional.empty() : endDate;
    if (endDate.isPresent() && endDate.get().isBefore(date)) {
      throw new IllegalArgumentException("End date is before the event date.");
    }
    bodyPart = blankToEmpty(bodyPart, "Body part", 200);
    laterality = laterality == null ? Laterality.NONE : laterality;
    severity = blankToEmpty(severity, "Severity", 100);
    status = status == null ? EventStatus.UNKNOWN : status;
    value = value == null ? OptionalDouble.empty() : value;
    if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
      throw new IllegalArgumentException("Event value must be a finite number.");
    }
    unit = blankToEmpty(unit, "Unit", 64);
    Objects.requireNonNull(provenance, "provenance");
  }

  /** A new event (blank id) with only the essentials; refine with the {@code with…} methods. */
  public static ClinicalEvent of(
      String patientId, EventType type, String title, LocalDate date, Provenance provenance) {
    return new ClinicalEvent(
        "",
        patientId,
        type,
        title,
        Optional.empty(),
        date,
        Optional.empty(),
        Optional.empty(),
        Laterality.NONE,
        Optional.empty(),
        EventStatus.UNKNOWN,
        OptionalDouble.empty(),
        Optional.empty(),
        provenance);
  }

  public ClinicalEvent withId(String newId) {
    return new ClinicalEvent(
        newId,
        patientId,
        type,
        title,
        code,
        date,
        endDate,
        bodyPart,
        laterality,
        severity,
        status,
        value,
        unit,
        provenance);
  }

  public ClinicalEvent withCode(String newCode) {
    return new ClinicalEvent(
        id,
        patientId,
        type,
        title,
        Optional.ofNullable(newCode),
        date,
        endDate,
        bodyPart,
        laterality,
        severity,
        status,
        value,
        unit,
        provenance);
  }

  public ClinicalEvent withEndDate(LocalDate end) {
    return new ClinicalEvent(
        id,
        patientId,
        type,
        title,
        code,
        date,
        Optional.ofNullable(end),
        bodyPart,
        laterality,
        severity,
        status,
        value,
        unit,
        provenance);
  }

  public ClinicalEvent withBodyPart(String part, Laterality side) {
    return new ClinicalEvent(
        id,
        patientId,
        type,
        title,
        code,
        date,
        endDate,
        Optional.ofNullable(part),
        side,
        severity,
        status,
        value,
        unit,
        provenance);
  }

  public ClinicalEvent withSeverity(String newSeverity) {
    return new ClinicalEvent(
        id,
        patientId,
        type,
        title,
        code,
        date,
        endDate,
        bodyPart,
        laterality,
        Optional.ofNullable(newSeverity),
        status,
        value,
        unit,
        provenance);
  }

  public ClinicalEvent withStatus(EventStatus newStatus) {
    return new ClinicalEvent(
        id,
        patientId,
        type,
        title,
        code,
        date,
        endDate,
        bodyPart,
        laterality,
        severity,
        newStatus,
        value,
        unit,
        provenance);
  }

  public ClinicalEvent withValue(double newValue, String newUnit) {
    return new ClinicalEvent(
        id,
        patientId,
        type,
        title,
        code,
        date,
        endDate,
        bodyPart,
        laterality,
        severity,
        status,
        OptionalDouble.of(newValue),
        Optional.ofNullable(newUnit),
        provenance);
  }

  private static Optional<String> blankToEmpty(Optional<String> s, String field, int max) {
    if (s == null || s.isEmpty()) {
      return Optional.empty();
    }
    String v = s.get().strip();
    if (v.length() > max) {
      throw new IllegalArgumentException(field + " is too long (at most " + max + " characters).");
    }
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }
}
