package org.meditwin.documents;

/** Where a proposed event's clinical date came from, so the clinician knows how far to trust it. */
public enum DateSource {
  /** A date in the same sentence as the entity. */
  SENTENCE,
  /** The document's own date (visit, service, report, admission date...). */
  DOCUMENT,
  /** No date in the document: the import date; the clinician should correct it. */
  IMPORTED,
  /** Set by the clinician. */
  EDITED
}
