package org.meditwin.app.soap;

import java.util.List;
import java.util.Map;
import org.meditwin.soap.DraftSentence;
import org.meditwin.soap.NoteTemplate;

/** Everything the user can edit in a note, as one immutable value (undo snapshots). */
record EditorState(
    String transcript,
    NoteTemplate template,
    List<DraftSentence> sentences,
    Map<String, String> fields,
    Map<String, String> audiogramCells) {
  EditorState {
    sentences = List.copyOf(sentences);
    fields = Map.copyOf(fields);
    audiogramCells = Map.copyOf(audiogramCells);
  }

  static EditorState empty(NoteTemplate template) {
    return new EditorState("", template, List.of(), Map.of(), Map.of());
  }

  boolean isBlank() {
    return transcript.isBlank()
        && sentences.isEmpty()
        && fields.values().stream().allMatch(String::isBlank)
        && audiogramCells.values().stream().allMatch(String::isBlank);
  }
}
