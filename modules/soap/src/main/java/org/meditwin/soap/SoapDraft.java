package org.meditwin.soap;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A drafted (or edited) SOAP note with its provenance and the judge's findings.
 *
 * @param template the template the fields follow
 * @param sentences the note, sentence by sentence, each with its transcript sources
 * @param fields structured template fields that the transcript states (key → value)
 * @param audiogram thresholds stated in the transcript (hearing template)
 * @param checks one judge finding per sentence (same order as {@code sentences})
 * @param missingFields keys of required template fields that are still empty
 * @param aiApproved true only when no sentence is unsupported or contradicted
 * @param issues human-readable problems: judge findings, missing fields, red flags
 * @param engine what produced the draft, e.g. {@code extractive (soap-sections 1.0.0)}
 */
public record SoapDraft(
    NoteTemplate template,
    List<DraftSentence> sentences,
    Map<String, String> fields,
    Optional<Audiogram> audiogram,
    List<SentenceCheck> checks,
    List<String> missingFields,
    boolean aiApproved,
    List<String> issues,
    String engine) {
  public SoapDraft {
    Objects.requireNonNull(template, "template");
    sentences = List.copyOf(sentences);
    fields = Map.copyOf(fields);
    Objects.requireNonNull(audiogram, "audiogram");
    checks = List.copyOf(checks);
    missingFields = List.copyOf(missingFields);
    issues = List.copyOf(issues);
    Objects.requireNonNull(engine, "engine");
  }

  /** The sentences of {@code section}, one per line, in note order. */
  public String section(Section section) {
    return sentences.stream()
        .filter(s -> s.section() == section)
        .map(DraftSentence::text)
        .collect(Collectors.joining("\n"));
  }

  /** The whole note as plain text with the four section headings. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Section s : Section.values()) {
      sb.append(s.name()).append('\n').append(section(s)).append("\n\n");
    }
    return sb.toString().strip();
  }
}
