package org.meditwin.search.patient;

import java.util.Locale;

/** Kind of a patient record in the patient-record index; each kind opens its own pane. */
public enum RecordKind {
  NOTE,
  DOCUMENT,
  IMAGING_REPORT,
  TIMELINE_EVENT;

  /** Value of the indexed source-type field ({@code "note"}, {@code "imaging_report"}…). */
  String sourceType() {
    return name().toLowerCase(Locale.ROOT);
  }

  static RecordKind ofSourceType(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
