package org.meditwin.nlp.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.MediTwinException;
import org.meditwin.security.DataKey;

class PseudonymVaultTest {
  @TempDir Path dir;

  @Test
  void sameValueGetsTheSamePseudonymAcrossNotesAndSessions() throws Exception {
    Path file = dir.resolve("pii.vault");
    try (DataKey key = DataKey.generate()) {
      PseudonymVault v = PseudonymVault.open(file, key);
      String a = v.pseudonym(PiiType.PERSON, "John  Smith");
      assertThat(a).matches("\\[PERSON-[0-9A-F]{8}\\]");
      assertThat(v.pseudonym(PiiType.PERSON, "john smith")).isEqualTo(a);
      assertThat(v.pseudonym(PiiType.PERSON, "Jane Smith")).isNotEqualTo(a);
      v.save();
      PseudonymVault reopened = PseudonymVault.open(file, key);
      assertThat(reopened.pseudonym(PiiType.PERSON, "John Smith")).isEqualTo(a);
      assertThat(reopened.size()).isEqualTo(2);
    }
  }

  @Test
  void maskedTextIsReidentifiedOnReturn() {
    String note = "Mrs. Ada Byron (phone 555-201-3344) reports tinnitus. Mrs. Ada Byron agrees.";
    try (DataKey key = DataKey.generate()) {
      PseudonymVault vault = PseudonymVault.open(dir.resolve("v"), key);
      List<PiiSpan> spans = PiiDetector.rulesOnly().detect(note, DeidPolicy.hipaaSafeHarbor());
      AnonymizedText masked =
          Anonymizer.anonymize(note, spans, Operator.PSEUDONYM, Optional.of(vault));
      assertThat(masked.masked()).doesNotContain("Ada").doesNotContain("555-201-3344");
      String person = masked.replacements().get(0).replacement();
      assertThat(masked.replacements().get(2).replacement()).isEqualTo(person);
      // an external service answers using the pseudonyms (lower-cased hex, too)
      String answer = "Advise " + person.toLowerCase().replace("person", "PERSON") + " to rest.";
      PseudonymVault.Reidentified back =
          PseudonymVault.open(dir.resolve("v"), key).reidentify(answer);
      assertThat(back.text()).isEqualTo("Advise Ada Byron to rest.");
      assertThat(back.restored()).isEqualTo(1);
    }
  }

  @Test
  void unknownPseudonymsAreLeftAndReported() {
    try (DataKey key = DataKey.generate()) {
      PseudonymVault v = PseudonymVault.open(dir.resolve("v"), key);
      PseudonymVault.Reidentified r = v.reidentify("see [PERSON-DEADBEEF]");
      assertThat(r.text()).isEqualTo("see [PERSON-DEADBEEF]");
      assertThat(r.unknownPseudonyms()).containsExactly("[PERSON-DEADBEEF]");
    }
  }

  @Test
  void vaultFileHoldsNoPlaintext() throws Exception {
    Path file = dir.resolve("v");
    try (DataKey key = DataKey.generate()) {
      PseudonymVault v = PseudonymVault.open(file, key);
      v.pseudonym(PiiType.PERSON, "Zebediah Quill");
      v.save();
    }
    String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    assertThat(raw).doesNotContain("Zebediah").doesNotContain("PERSON");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void rejectsAnotherWorkstationsKeyWithoutDamagingTheVault() throws Exception {
    Path file = dir.resolve("v");
    try (DataKey key = DataKey.generate()) {
      PseudonymVault v = PseudonymVault.open(file, key);
      v.pseudonym(PiiType.EMAIL, "a@b.org");
      v.save();
    }
    byte[] before = Files.readAllBytes(file);
    try (DataKey other = DataKey.generate()) {
      assertThatThrownBy(() -> PseudonymVault.open(file, other))
          .isInstanceOf(MediTwinException.class)
          .hasMessageContaining("wrong key or damaged");
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }
}
