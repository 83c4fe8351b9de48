package org.meditwin.soap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One sentence of a draft note.
 *
 * @param section where it goes
 * @param text the clinical sentence ("Reports ringing in the left ear for two weeks.")
 * @param sources the transcript passages it was derived from (empty for a sentence a clinician
 *     typed; the judge then searches the whole transcript)
 * @param fieldKey the template field it fills, if any
 */
public record DraftSentence(
    Section section, String text, List<SourceSpan> sources, Optional<String> fieldKey) {
  public DraftSentence {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(text, "text");
    sources = List.copyOf(sources);
    Objects.requireNonNull(fieldKey, "fieldKey");
  }

  public DraftSentence(Section section, String text, List<SourceSpan> sources) {
    this(section, text, sources, Optional.empty());
  }

  public DraftSentence withText(String newText) {
    return new DraftSentence(section, newText, sources, fieldKey);
  }

  public DraftSentence withSection(Section newSection) {
    return new DraftSentence(newSection, text, sources, fieldKey);
  }
}
