package org.meditwin.search;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Metadata carried by every chunk of a document and returned with each hit as its citation.
 *
 * @param sourceType kind of record: {@link #KNOWLEDGE_BASE}, {@code "note"}, {@code "document"}…
 * @param source publisher or origin, e.g. {@code "MedlinePlus"}; shown in citations
 * @param url where the text comes from, when public
 * @param focus the topic the text is about (MedQuAD focus, e.g. a disease)
 * @param questionType MedQuAD question type ({@code symptoms}, {@code treatment}…)
 * @param patientId owning patient for patient records; empty for the knowledge base
 * @param specialty clinical specialty, lower case ({@code cardiology}…)
 * @param date date of the record (visit, document) for range filters
 */
public record DocumentMetadata(
    String sourceType,
    String source,
    Optional<String> url,
    Optional<String> focus,
    Optional<String> questionType,
    Optional<String> patientId,
    Optional<String> specialty,
    Optional<LocalDate> date) {

  /** Source type of knowledge-base entries. */
  public static final String KNOWLEDGE_BASE = "kb";

  public DocumentMetadata {
    Objects.requireNonNull(sourceType, "sourceType");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(focus, "focus");
    Objects.requireNonNull(questionType, "questionType");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(specialty, "specialty");
    Objects.requireNonNull(date, "date");
    specialty = specialty.map(s -> s.strip().toLowerCase(java.util.Locale.ROOT));
  }

  /** Metadata of a public knowledge-base answer. */
  public static DocumentMetadata knowledgeBase(
      String source, String url, String focus, String questionType) {
    return new DocumentMetadata(
        KNOWLEDGE_BASE,
        source,
        Optional.of(url),
        Optional.of(focus),
        Optional.of(questionType),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Metadata of a patient's own record (note, report, document). */
  public static DocumentMetadata patientRecord(
      String patientId, String sourceType, Optional<String> specialty, Optional<LocalDate> date) {
    return new DocumentMetadata(
        sourceType,
        sourceType,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(patientId),
        specialty,
        date);
  }
}
