package org.meditwin.app.soap;

import java.util.List;
import java.util.Map;
import org.meditwin.soap.DraftSentence;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.soap.SentenceCheck;
import org.meditwin.soap.SoapDraft;

/**
 * What the pane needs from the SOAP pipeline (modules/soap {@code SoapPipeline}): draft, judge and
 * list missing fields. An interface so the view model's state logic is testable without models.
 */
public interface SoapEngine {
  SoapDraft draft(String transcript, NoteTemplate template);

  List<SentenceCheck> validate(String transcript, List<DraftSentence> sentences);

  List<String> missingFields(NoteTemplate template, Map<String, String> fields);
}
