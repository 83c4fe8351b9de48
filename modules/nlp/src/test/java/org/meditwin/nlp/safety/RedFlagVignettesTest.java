package org.meditwin.nlp.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedFlagVignettesTest {
  @Test
  void detectsEveryEmergencyVignetteWithFewFalsePositives() {
    RedFlagVignettes.Report r = RedFlagVignettes.evaluate(RedFlagDetector.standard());
    System.err.printf(
        "red flags: %d emergencies, %d non-emergencies, recall %.3f, FPR %.3f%n",
        r.emergencies(), r.nonEmergencies(), r.recall(), r.falsePositiveRate());
    r.missed().forEach(m -> System.err.println("MISSED " + m));
    r.falsePositives().forEach(m -> System.err.println("FP " + m));
    assertThat(r.emergencies() + r.nonEmergencies()).isGreaterThanOrEqualTo(120);
    assertThat(r.missed()).isEmpty();
    assertThat(r.recall()).isEqualTo(1.0);
    assertThat(r.falsePositiveRate()).isLessThanOrEqualTo(0.05);
  }
}
