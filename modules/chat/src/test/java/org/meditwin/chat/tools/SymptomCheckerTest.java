package org.meditwin.chat.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.meditwin.nlp.safety.RedFlagDetector;

class SymptomCheckerTest {
  private static SymptomChecker.Assessment check(String m) {
    return SymptomChecker.assess(m, RedFlagDetector.standard().detect(m));
  }

  @Test
  void readsDurationSeverityAndAssociatedSymptoms() {
    SymptomChecker.Assessment a =
        check("I've had a headache for 3 days, about 6/10, with nausea and dizziness");
    assertThat(a.durationDays()).contains(3.0);
    assertThat(a.severity()).contains(6);
    assertThat(a.symptoms()).containsExactly("headache", "dizziness", "nausea");
    assertThat(a.triage()).isEqualTo(SymptomChecker.Triage.ROUTINE);
  }

  @Test
  void redFlagsMakeItAnEmergency() {
    SymptomChecker.Assessment a = check("Chest pain for 20 minutes with sweating, 9/10");
    assertThat(a.triage()).isEqualTo(SymptomChecker.Triage.EMERGENCY);
  }

  @Test
  void severePainOrProlongedFeverIsUrgent() {
    assertThat(check("Severe ear pain since yesterday").triage())
        .isEqualTo(SymptomChecker.Triage.URGENT);
    assertThat(check("Fever and cough for 4 days").triage())
        .isEqualTo(SymptomChecker.Triage.URGENT);
    assertThat(check("fever of 40 c since this morning").triage())
        .isEqualTo(SymptomChecker.Triage.URGENT);
  }

  @Test
  void longStandingSymptomsAreRoutineAndMildRecentOnesSelfCare() {
    assertThat(check("Ringing in my ear for 2 months, mild").triage())
        .isEqualTo(SymptomChecker.Triage.ROUTINE);
    assertThat(check("Mild runny nose since yesterday").triage())
        .isEqualTo(SymptomChecker.Triage.SELF_CARE);
  }

  @Test
  void onlyDescriptionsOfSymptomsWithDetailsTriggerTheChecker() {
    assertThat(SymptomChecker.describesSymptoms("I have had a cough for two weeks")).isTrue();
    assertThat(SymptomChecker.describesSymptoms("What causes a cough?")).isFalse();
    assertThat(SymptomChecker.describesSymptoms("How is gout treated?")).isFalse();
    assertThat(SymptomChecker.describesSymptoms("")).isFalse();
  }

  @Test
  void unitsOfDurationConvertToDays() {
    assertThat(SymptomChecker.durationDays("for 2 weeks")).contains(14.0);
    assertThat(SymptomChecker.durationDays("for 12 hours")).contains(0.5);
    assertThat(SymptomChecker.durationDays("a couple of days")).contains(2.0);
    assertThat(SymptomChecker.durationDays("no time given")).isEmpty();
    assertThat(SymptomChecker.assess("x", List.of()).triage())
        .isEqualTo(SymptomChecker.Triage.SELF_CARE);
  }
}
