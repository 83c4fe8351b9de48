package org.meditwin.app.soap;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.meditwin.soap.DraftSentence;
import org.meditwin.soap.Section;
import org.meditwin.soap.SentenceCheck;
import org.meditwin.soap.SourceSpan;

/** One editable sentence of the note: its text, where it came from and the judge's verdict. */
public final class SentenceItem {
  private final Section section;
  private final List<SourceSpan> sources;
  private final Optional<String> fieldKey;
  private final StringProperty text;
  private final ObjectProperty<Optional<SentenceCheck>> check =
      new SimpleObjectProperty<>(Optional.empty());

  SentenceItem(DraftSentence s) {
    this.section = s.section();
    this.sources = s.sources();
    this.fieldKey = s.fieldKey();
    this.text = new SimpleStringProperty(s.text());
  }

  public Section section() {
    return section;
  }

  /** Transcript spans the sentence was drafted from (empty for sentences the clinician typed). */
  public List<SourceSpan> sources() {
    return sources;
  }

  public Optional<String> fieldKey() {
    return fieldKey;
  }

  public StringProperty textProperty() {
    return text;
  }

  /** The judge's finding for the current text, empty until checked. */
  public ObjectProperty<Optional<SentenceCheck>> checkProperty() {
    return check;
  }

  DraftSentence toSentence() {
    return new DraftSentence(section, text.get() == null ? "" : text.get(), sources, fieldKey);
  }
}
