package org.meditwin.chatlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.domain.Sex;

class SummaryMaskerTest {
  private static final Patient P =
      new Patient(
          new PatientId("p1"),
          "QX-448812",
          "Zebulon",
          "Quixotefeld",
          Optional.of(LocalDate.of(1961, 4, 12)),
          Sex.MALE,
          "+1 (555) 010-7788",
          "zq@example.org",
          "17 Larkspur Crescent, Brightwater",
          "",
          false,
          Instant.EPOCH,
          Instant.EPOCH);

  private final SummaryMasker masker = SummaryMasker.rulesOnly();

  @Test
  void knownIdentifiersOfTheLinkedPatientAreMaskedInAnySpelling() {
    String masked =
        masker.mask(
            "zebulon QUIXOTEFELD, DOB April 12, 1961, lives at 17 Larkspur Crescent;"
                + " record qx-448812; call 5550107788 or zq@example.org",
            Optional.of(P));
    assertThat(masked)
        .doesNotContainIgnoringCase("zebulon")
        .doesNotContainIgnoringCase("quixotefeld")
        .doesNotContain("1961")
        .doesNotContainIgnoringCase("larkspur")
        .doesNotContainIgnoringCase("qx-448812")
        .doesNotContain("5550107788")
        .doesNotContain("zq@example.org")
        .contains("<PERSON>");
  }

  @Test
  void withoutAPatientTheDeidentifierStillMasksStructuredIdentifiers() {
    String masked =
        masker.mask(
            "MRN: 99812345, seen on 03/02/2026, phone 555-010-2030, j.doe@example.org",
            Optional.empty());
    assertThat(masked)
        .doesNotContain("99812345")
        .doesNotContain("03/02/2026")
        .doesNotContain("010-2030")
        .doesNotContain("j.doe@example.org");
  }

  @Test
  void clinicalWordsStay() {
    assertThat(masker.mask("Crushing chest pain with sweating and dyspnoea", Optional.of(P)))
        .isEqualTo("Crushing chest pain with sweating and dyspnoea");
  }

  @Test
  void theInstalledNameModelMasksNamesThatNoRecordLinks() {
    // the head decodes recall-first (ClinicalNlp.DEID_OUTSIDE_SCALE): it may mask a clinical word
    // too, which is the safe side for text leaving the workstation
    java.nio.file.Path models =
        java.nio.file.Path.of(System.getProperty("meditwin.models.dir", "../../models"));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isRegularFile(models.resolve("deid-names/model.json")),
        "deid-names head not shipped in this checkout");
    java.nio.file.Path cache = org.meditwin.inference.engine.DjlEnvironment.defaultCacheDir();
    org.meditwin.inference.engine.DjlEnvironment.configureOffline(cache);
    SummaryMasker withModel = SummaryMasker.load(models, cache.resolve("encoders"));
    String text = "Harold Whitfield called: his wife Margaret Whitfield has slurred speech.";
    assertThat(withModel.mask(text, Optional.empty()))
        .doesNotContain("Harold")
        .doesNotContain("Whitfield")
        .doesNotContain("Margaret")
        .contains("<PERSON>");
  }
}
