package org.meditwin.record;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where an event came from: a document (page and character offsets), a SOAP note, a FHIR resource
 * ("Condition/123"), an imaging report, or manual entry.
 *
 * @param sourceKind one of {@code document}, {@code note}, {@code fhir}, {@code manual}, {@code
 *     imaging}
 * @param sourceId the source's opaque id (document id, note id, "ResourceType/id"); may be empty
 *     for manual entry
 */
public record Provenance(
    String sourceKind, String sourceId, OptionalInt page, OptionalInt start, OptionalInt end) {

  public static final String DOCUMENT = "document";
  public static final String NOTE = "note";
  public static final String FHIR = "fhir";
  public static final String MANUAL = "manual";
  public static final String IMAGING = "imaging";

  static final Set<String> KINDS = Set.of(DOCUMENT, NOTE, FHIR, MANUAL, IMAGING);

  public Provenance {
    Objects.requireNonNull(sourceKind, "sourceKind");
    sourceKind = sourceKind.strip().toLowerCase(Locale.ROOT);
    if (!KINDS.contains(sourceKind)) {
      throw new IllegalArgumentException(
          "Unknown provenance kind (expected one of " + KINDS + ").");
    }
    sourceId = sourceId == null ? "" : sourceId.strip();
    if (sourceId.length() > 500) {
      throw new IllegalArgumentException("Provenance source id is too long (at most 500).");
    }
    page = page == null ? OptionalInt.empty() : page;
    start = start == null ? OptionalInt.empty() : start;
    end = end == null ? OptionalInt.empty() : end;
    if (page.isPresent() && page.getAsInt() < 0
        || start.isPresent() && start.getAsInt() < 0
        || end.isPresent() && end.getAsInt() < 0) {
      throw new IllegalArgumentException("Provenance page and offsets must not be negative.");
    }
    if (start.isPresent() && end.isPresent() && end.getAsInt() < start.getAsInt()) {
      throw new IllegalArgumentException("Provenance end offset is before its start.");
    }
  }

  /** Entered by hand in the timeline pane. */
  public static Provenance manual() {
    return new Provenance(
        MANUAL, "", OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
  }

  /** A FHIR resource, e.g. {@code fhir("Condition", "abc")} → source id "Condition/abc". */
  public static Provenance fhir(String resourceType, String id) {
    return new Provenance(
        FHIR,
        resourceType + "/" + id,
        OptionalInt.empty(),
        OptionalInt.empty(),
        OptionalInt.empty());
  }

  /** A span of a document page (offsets into that page's extracted text). */
  public static Provenance document(String documentId, int page, int start, int end) {
    return new Provenance(
        DOCUMENT, documentId, OptionalInt.of(page), OptionalInt.of(start), OptionalInt.of(end));
  }

  /** A span of a SOAP note's transcript. */
  public static Provenance note(String noteId, int start, int end) {
    return new Provenance(
        NOTE, noteId, OptionalInt.empty(), OptionalInt.of(start), OptionalInt.of(end));
  }

  /** An imaging study or report. */
  public static Provenance imaging(String studyOrReportId) {
    return new Provenance(
        IMAGING, studyOrReportId, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
  }

  /** Short human-readable form, e.g. "document abc p.3 120–180" or "fhir Condition/1". */
  public String describe() {
    StringBuilder b = new StringBuilder(sourceKind);
    if (!sourceId.isEmpty()) {
      b.append(' ').append(sourceId);
    }
    page.ifPresent(p -> b.append(" p.").append(p));
    if (start.isPresent()) {
      b.append(' ').append(start.getAsInt());
      end.ifPresent(e -> b.append('–').append(e));
    }
    return b.toString();
  }
}
