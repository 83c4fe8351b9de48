package org.meditwin.nlp.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClinicalNerTest {
  private final ClinicalNer ner = ClinicalNer.rulesOnly();

  private ClinicalEntity entity(List<ClinicalEntity> all, String text) {
    return all.stream()
        .filter(e -> e.text().equalsIgnoreCase(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError(text + " not found in " + all));
  }

  // Synthetic hearing-care visit written for this test (no real patient).
  private static final String NOTE =
      """
      Subjective: 67-year-old reports constant tinnitus and muffled hearing in the right ear.
      Denies otalgia or vertigo. Possible otitis media on the left. History of otosclerosis.
      Family history: mother has sensorineural hearing loss.
      Objective: Audiogram shows bilateral sensorineural hearing loss, PTA 45 dB HL.
      Tympanometry normal AU. Hemoglobin 13.2 g/dL.
      Plan: amoxicillin 500 mg PO TID for 10 days; hearing aid fitting.
      """;

  @Test
  void findsAudiologyEntitiesWithTheirTypes() {
    List<ClinicalEntity> all = ner.recognize(NOTE);
    assertThat(entity(all, "tinnitus").type()).isEqualTo(ClinicalEntityType.SYMPTOM);
    assertThat(entity(all, "otitis media").type()).isEqualTo(ClinicalEntityType.DISEASE);
    assertThat(entity(all, "audiogram").type()).isEqualTo(ClinicalEntityType.PROCEDURE);
    assertThat(entity(all, "tympanometry").type()).isEqualTo(ClinicalEntityType.PROCEDURE);
    assertThat(entity(all, "hearing aid fitting").type()).isEqualTo(ClinicalEntityType.PROCEDURE);
    assertThat(entity(all, "amoxicillin").type()).isEqualTo(ClinicalEntityType.MEDICATION);
    for (ClinicalEntity e : all) {
      assertThat(NOTE.substring(e.start(), e.end())).isEqualTo(e.text());
    }
  }

  @Test
  void assignsAssertions() {
    List<ClinicalEntity> all = ner.recognize(NOTE);
    assertThat(entity(all, "otalgia").negated()).isTrue();
    assertThat(entity(all, "vertigo").negated()).isTrue();
    assertThat(entity(all, "tinnitus").negated()).isFalse();
    assertThat(entity(all, "otitis media").uncertain()).isTrue();
    assertThat(entity(all, "otosclerosis").assertion().historical()).isTrue();
    ClinicalEntity family =
        all.stream()
            .filter(e -> e.text().equals("sensorineural hearing loss"))
            .findFirst()
            .orElseThrow();
    assertThat(family.assertion().experiencer()).isEqualTo(Assertion.Experiencer.FAMILY);
  }

  @Test
  void extractsMedicationDoseRouteAndFrequency() {
    ClinicalEntity amox = entity(ner.recognize(NOTE), "amoxicillin");
    assertThat(amox.attributes())
        .containsEntry("dose", "500 mg")
        .containsEntry("route", "PO")
        .containsEntry("frequency", "TID");
  }

  @Test
  void extractsLateralityIncludingAudiologyAbbreviations() {
    List<ClinicalEntity> all = ner.recognize(NOTE);
    assertThat(entity(all, "ear").attributes()).containsEntry("laterality", "right");
    ClinicalEntity bilateral =
        all.stream()
            .filter(e -> e.text().equals("sensorineural hearing loss") && !e.negated())
            .filter(e -> e.assertion().experiencer() == Assertion.Experiencer.PATIENT)
            .findFirst()
            .orElseThrow();
    assertThat(bilateral.attributes()).containsEntry("laterality", "bilateral");
    assertThat(entity(all, "tympanometry").attributes()).containsEntry("laterality", "bilateral");
  }

  @Test
  void extractsLabValuesAndUnits() {
    List<ClinicalEntity> all = ner.recognize(NOTE);
    assertThat(entity(all, "hemoglobin").attributes())
        .containsEntry("value", "13.2")
        .containsEntry("unit", "g/dL");
    assertThat(entity(all, "pta").attributes())
        .containsEntry("value", "45")
        .containsEntry("unit", "dB HL");
  }

  @Test
  void matchesAccentedAndApostropheVariants() {
    List<ClinicalEntity> all = ner.recognize("Ménière’s disease and covid-19 were discussed.");
    assertThat(all).extracting(ClinicalEntity::type).contains(ClinicalEntityType.DISEASE);
    assertThat(all).extracting(ClinicalEntity::text).contains("Ménière’s disease", "covid-19");
  }
}
