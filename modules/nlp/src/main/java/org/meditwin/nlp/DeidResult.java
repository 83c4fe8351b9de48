package org.meditwin.nlp;

import java.util.List;
import org.meditwin.nlp.pii.AnonymizedText;
import org.meditwin.nlp.pii.PiiSpan;

/**
 * De-identification of one text: the spans found (offsets into the original) and the masked text
 * with its offset map.
 */
public record DeidResult(List<PiiSpan> spans, AnonymizedText anonymized) {
  public DeidResult {
    spans = List.copyOf(spans);
  }

  public String masked() {
    return anonymized.masked();
  }
}
