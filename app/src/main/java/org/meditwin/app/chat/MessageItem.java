package org.meditwin.app.chat;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.chatlog.AnswerRecord;
import org.meditwin.chatlog.Speaker;

/**
 * One message of the conversation as the view shows it. Assistant messages fill in while they
 * stream: text grows token by token, specialists, tools and citations arrive, then {@link
 * #streamingProperty()} turns false. Change it on the FX thread only.
 */
public final class MessageItem {
  private final Speaker speaker;
  private final StringProperty text = new SimpleStringProperty("");
  private final BooleanProperty streaming = new SimpleBooleanProperty(false);
  private final BooleanProperty stopped = new SimpleBooleanProperty(false);
  private final ObservableList<String> specialists = FXCollections.observableArrayList();
  private final ObservableList<AnswerRecord.Cited> citations = FXCollections.observableArrayList();
  private final ObservableList<AnswerRecord.Tool> tools = FXCollections.observableArrayList();
  private final ObservableList<AnswerRecord.Flag> redFlags = FXCollections.observableArrayList();
  private final ObjectProperty<OptionalDouble> confidence =
      new SimpleObjectProperty<>(OptionalDouble.empty());
  private final StringProperty disclaimer = new SimpleStringProperty("");
  private final BooleanProperty englishOnly = new SimpleBooleanProperty(false);

  MessageItem(Speaker speaker, String text) {
    this.speaker = Objects.requireNonNull(speaker, "speaker");
    this.text.set(text == null ? "" : text);
  }

  /** A restored or finished message with its stored metadata. */
  static MessageItem restored(Speaker speaker, String text, java.util.Optional<AnswerRecord> a) {
    MessageItem m = new MessageItem(speaker, text);
    a.ifPresent(m::apply);
    return m;
  }

  void apply(AnswerRecord a) {
    specialists.setAll(a.specialists());
    citations.setAll(a.citations());
    tools.setAll(a.tools());
    redFlags.setAll(a.redFlags());
    confidence.set(a.confidence());
    disclaimer.set(a.disclaimer());
    englishOnly.set(a.answeredInEnglishOnly());
    stopped.set(a.stopped());
  }

  /** The metadata to store with the message. */
  AnswerRecord record(String language) {
    return new AnswerRecord(
        List.copyOf(citations),
        List.copyOf(specialists),
        List.copyOf(redFlags),
        List.copyOf(tools),
        confidence.get(),
        disclaimer.get(),
        language,
        englishOnly.get(),
        stopped.get());
  }

  public Speaker speaker() {
    return speaker;
  }

  public boolean fromUser() {
    return speaker == Speaker.USER;
  }

  public StringProperty textProperty() {
    return text;
  }

  public String text() {
    return text.get();
  }

  public BooleanProperty streamingProperty() {
    return streaming;
  }

  public BooleanProperty stoppedProperty() {
    return stopped;
  }

  public ObservableList<String> specialists() {
    return specialists;
  }

  public ObservableList<AnswerRecord.Cited> citations() {
    return citations;
  }

  public ObservableList<AnswerRecord.Tool> tools() {
    return tools;
  }

  public ObservableList<AnswerRecord.Flag> redFlags() {
    return redFlags;
  }

  public ObjectProperty<OptionalDouble> confidenceProperty() {
    return confidence;
  }

  public StringProperty disclaimerProperty() {
    return disclaimer;
  }

  public BooleanProperty englishOnlyProperty() {
    return englishOnly;
  }
}
