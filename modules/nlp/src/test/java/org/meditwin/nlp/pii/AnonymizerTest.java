package org.meditwin.nlp.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnonymizerTest {
  private static final String TEXT = "Call 555-123-4567 or mail a.b@x.org now";
  private final List<PiiSpan> spans = PiiDetector.rulesOnly().detect(TEXT, DeidPolicy.strict());

  @Test
  void redactKeepsLengthAndOffsets() {
    AnonymizedText a = Anonymizer.anonymize(TEXT, spans, Operator.REDACT, Optional.empty());
    assertThat(a.masked()).hasSameSizeAs(TEXT).doesNotContain("555").doesNotContain("a.b@x.org");
    assertThat(a.toOriginal(TEXT.indexOf("now"))).isEqualTo(TEXT.indexOf("now"));
    assertThat(a.toOriginal(30)).isEqualTo(TEXT.indexOf("a.b@x.org"));
  }

  @Test
  void typeReplacementMapsOffsetsBackToTheOriginal() {
    AnonymizedText a = Anonymizer.anonymize(TEXT, spans, Operator.TYPE, Optional.empty());
    assertThat(a.masked()).isEqualTo("Call <PHONE> or mail <EMAIL> now");
    for (Replacement r : a.replacements()) {
      assertThat(a.masked().substring(r.maskedStart(), r.maskedEnd())).isEqualTo(r.replacement());
      assertThat(a.toOriginal(r.maskedStart())).isEqualTo(r.start());
      assertThat(a.toMasked(r.start())).isEqualTo(r.maskedStart());
    }
    int nowMasked = a.masked().indexOf("now");
    assertThat(a.toOriginal(nowMasked)).isEqualTo(TEXT.indexOf("now"));
    assertThat(a.toMasked(TEXT.indexOf("now"))).isEqualTo(nowMasked);
  }

  @Test
  void pseudonymsNeedAVault() {
    assertThatThrownBy(
            () -> Anonymizer.anonymize(TEXT, spans, Operator.PSEUDONYM, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vault");
  }
}
