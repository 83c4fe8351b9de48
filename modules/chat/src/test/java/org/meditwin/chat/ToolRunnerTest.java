package org.meditwin.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.meditwin.chat.tools.MedicationLookup;

class ToolRunnerTest {
  private final ToolRunner tools =
      new ToolRunner(
          Optional.empty(),
          Optional.of(
              id ->
                  List.of(
                      new MedicationLookup.Medication(
                          "Warfarin",
                          Optional.of("5 mg"),
                          Optional.of("daily"),
                          Optional.empty(),
                          true),
                      new MedicationLookup.Medication(
                          "Ibuprofen",
                          Optional.empty(),
                          Optional.empty(),
                          Optional.empty(),
                          false))),
          Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

  private ToolCall one(String message) {
    List<ToolCall> calls = tools.run(message, Optional.of("p1"), List.of());
    assertThat(calls).hasSize(1);
    return calls.get(0);
  }

  @Test
  void bmiReadsImperialUnits() {
    // CDC imperial example: 150 lb, 5'5" → 24.96
    ToolCall c = one("BMI for 150 lbs and 5 ft 5 in");
    assertThat(c.result()).startsWith("BMI 25.0");
    assertThat(c.inputs()).containsEntry("weight_kg", "68.04");
  }

  @Test
  void bmiWithoutInputsAsksForThem() {
    ToolCall c = one("what is a healthy BMI?");
    assertThat(c.result()).startsWith("needs weight and height");
    assertThat(ToolRunner.computed(c)).isFalse();
  }

  @Test
  void chaDsVascReadsAgeSexAndConditions() {
    ToolCall c =
        one("CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes, no stroke");
    assertThat(c.inputs())
        .containsEntry("age", "72")
        .containsEntry("sex", "female")
        .containsEntry("hypertension", "yes")
        .containsEntry("diabetes", "yes")
        .containsEntry("stroke_tia_thromboembolism", "no");
    assertThat(c.result()).startsWith("CHA₂DS₂-VASc 4");
  }

  @Test
  void hasBledReadsRiskFactors() {
    ToolCall c = one("HAS-BLED: 70 years old, hypertension, takes aspirin");
    assertThat(c.result()).startsWith("HAS-BLED 3");
  }

  @Test
  void egfrReadsCreatinineInEitherUnit() {
    assertThat(one("eGFR creatinine 1.0 mg/dL, 60-year-old man").result()).startsWith("eGFR 86 ");
    assertThat(one("kidney function: creatinine 88.4 umol/l, 60 years old, male").result())
        .startsWith("eGFR 86 ");
  }

  @Test
  void medicationListShowsActiveMedicationsOnly() {
    ToolCall c = one("What medications am I taking?");
    assertThat(c.tool()).isEqualTo("medication_list");
    assertThat(c.result()).contains("Warfarin 5 mg daily").doesNotContain("Ibuprofen");
  }

  @Test
  void timelineWithoutALookupSaysSo() {
    ToolCall c = one("When was my last MRI?");
    assertThat(c.tool()).isEqualTo("timeline_lookup");
    assertThat(c.inputs()).containsEntry("query", "mri");
    assertThat(c.result()).contains("not available");
  }

  @Test
  void symptomCheckerRunsOnlyForSymptomDescriptions() {
    ToolCall c = one("I've had ear pain for 3 days, 7/10");
    assertThat(c.tool()).isEqualTo("symptom_checker");
    assertThat(c.inputs()).containsEntry("duration_days", "3").containsEntry("severity_0_10", "7");
    assertThat(tools.run("How is tinnitus treated?", Optional.empty(), List.of())).isEmpty();
  }
}
