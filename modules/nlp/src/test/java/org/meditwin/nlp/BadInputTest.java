package org.meditwin.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.meditwin.nlp.ner.ClinicalEntity;
import org.meditwin.nlp.pii.DeidPolicy;
import org.meditwin.nlp.pii.Operator;
import org.meditwin.nlp.pii.PiiSpan;

class BadInputTest {
  private final ClinicalNlp nlp = ClinicalNlp.rulesOnly();

  private void checkConsistent(String text) {
    DeidResult d = nlp.deidentify(text, DeidPolicy.strict(), Operator.TYPE, Optional.empty());
    int last = 0;
    for (PiiSpan s : d.spans()) {
      assertThat(s.start()).isGreaterThanOrEqualTo(last);
      assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
      last = s.end();
    }
    for (var r : d.anonymized().replacements()) {
      assertThat(d.masked().substring(r.maskedStart(), r.maskedEnd())).isEqualTo(r.replacement());
    }
    for (ClinicalEntity e : nlp.entities(text)) {
      assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text());
    }
  }

  @Test
  void emptyAndBlankTextGiveNothing() {
    for (String t : List.of("", " ", "\n\n\t")) {
      DeidResult d = nlp.deidentify(t, DeidPolicy.strict(), Operator.TYPE, Optional.empty());
      assertThat(d.spans()).isEmpty();
      assertThat(d.masked()).isEqualTo(t);
      assertThat(nlp.entities(t)).isEmpty();
    }
  }

  @Test
  void megabyteNoteIsProcessed() {
    StringBuilder b = new StringBuilder();
    String line =
        "Mr. John Carter (MRN 5512034, phone 555-301-2211) reports tinnitus; denies vertigo.\n";
    while (b.length() < 1_000_000) {
      b.append(line);
    }
    String text = b.toString();
    DeidResult d = nlp.deidentify(text, DeidPolicy.strict(), Operator.TYPE, Optional.empty());
    assertThat(d.masked()).doesNotContain("5512034").doesNotContain("555-301-2211");
    assertThat(nlp.entities(text)).hasSizeGreaterThan(10_000);
  }

  @Test
  void tooLongTextIsRefusedWithAClearMessage() {
    String huge = "a".repeat(ClinicalNlp.MAX_CHARS + 1);
    assertThatThrownBy(() -> nlp.entities(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void binaryGarbageDoesNotCrash() {
    Random r = new Random(7);
    byte[] bytes = new byte[50_000];
    r.nextBytes(bytes);
    checkConsistent(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
    checkConsistent(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    checkConsistent("\u0000\u0000tinnitus\u0000 555-123-4567\uFFFF\uD800");
  }

  @Test
  void mixedScriptsKeepOffsets() {
    String t =
        "Пациент Иван Петров, 患者 李雷, مريض أحمد — tinnitus; Dr. José Núñez, tel +34 612 345 678 🙂";
    checkConsistent(t);
    DeidResult d = nlp.deidentify(t, DeidPolicy.strict(), Operator.TYPE, Optional.empty());
    assertThat(d.masked()).doesNotContain("612 345 678").doesNotContain("José Núñez");
  }

  @Test
  void fuzzedClinicalFragmentsStayConsistent() {
    String[] parts = {
      "Dr. ", "Smith", " 555-", "123", "-4567", " denies ", "tinnitus", " 12/03/2020 ", "@", ".org",
      " MRN:", "88", "\n", "é", "中", "\uD83D\uDE00", " 4111 1111 1111 1111", " age 93", "(", ")",
      " no ", "?", "http://", "www.", "x", " mg", " PO", " left ear", "\t", "'s disease"
    };
    Random r = new Random(42);
    for (int i = 0; i < 300; i++) {
      StringBuilder b = new StringBuilder();
      int n = r.nextInt(40);
      for (int k = 0; k < n; k++) {
        b.append(parts[r.nextInt(parts.length)]);
      }
      checkConsistent(b.toString());
    }
  }
}
