package org.meditwin.chat.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RiskScoresTest {
  @Test
  void bmiMatchesTheCdcWorkedExample() {
    // CDC "Calculating BMI": 68 kg, 165 cm → 68 ÷ 1.65² = 24.98
    assertThat(RiskScores.bmi(68, 1.65)).isCloseTo(24.98, within(0.005));
    assertThat(RiskScores.bmiCategory(24.98)).isEqualTo("healthy weight");
    assertThat(RiskScores.bmiCategory(18.4)).isEqualTo("underweight");
    assertThat(RiskScores.bmiCategory(25.0)).isEqualTo("overweight");
    assertThat(RiskScores.bmiCategory(30.0)).isEqualTo("obesity");
  }

  @Test
  void bmiRejectsImpossibleInputs() {
    assertThatThrownBy(() -> RiskScores.bmi(0, 1.7)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RiskScores.bmi(70, 170)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void chaDsVascFollowsLip2010Points() {
    // 76-year-old woman with hypertension: A2 (2) + Sc (1) + H (1) = 4
    assertThat(
            RiskScores.cha2ds2Vasc(
                new RiskScores.ChadsVasc(76, true, false, true, false, false, false)))
        .isEqualTo(4);
    // 67-year-old man with diabetes and a prior TIA: A (1) + D (1) + S2 (2) = 4
    assertThat(
            RiskScores.cha2ds2Vasc(
                new RiskScores.ChadsVasc(67, false, false, false, true, true, false)))
        .isEqualTo(4);
    // 50-year-old man without risk factors: 0; a woman alone scores 1 (sex category)
    assertThat(
            RiskScores.cha2ds2Vasc(
                new RiskScores.ChadsVasc(50, false, false, false, false, false, false)))
        .isZero();
    assertThat(
            RiskScores.cha2ds2Vasc(
                new RiskScores.ChadsVasc(50, true, false, false, false, false, false)))
        .isEqualTo(1);
    // every item: the published maximum of 9
    assertThat(
            RiskScores.cha2ds2Vasc(
                new RiskScores.ChadsVasc(80, true, true, true, true, true, true)))
        .isEqualTo(9);
    // age bands: 64 → 0, 65 → 1, 74 → 1, 75 → 2
    assertThat(
            RiskScores.cha2ds2Vasc(
                new RiskScores.ChadsVasc(64, false, false, false, false, false, false)))
        .isZero();
    assertThat(
            RiskScores.cha2ds2Vasc(
                new RiskScores.ChadsVasc(65, false, false, false, false, false, false)))
        .isEqualTo(1);
    assertThat(
            RiskScores.cha2ds2Vasc(
                new RiskScores.ChadsVasc(74, false, false, false, false, false, false)))
        .isEqualTo(1);
    assertThat(
            RiskScores.cha2ds2Vasc(
                new RiskScores.ChadsVasc(75, false, false, false, false, false, false)))
        .isEqualTo(2);
  }

  @Test
  void chaDsVascAdviceFollowsEsc2020Thresholds() {
    assertThat(RiskScores.cha2ds2VascAdvice(2, false)).contains("recommended");
    assertThat(RiskScores.cha2ds2VascAdvice(1, false)).contains("considered");
    assertThat(RiskScores.cha2ds2VascAdvice(2, true)).contains("considered");
    assertThat(RiskScores.cha2ds2VascAdvice(3, true)).contains("recommended");
    assertThat(RiskScores.cha2ds2VascAdvice(1, true)).contains("low risk");
  }

  @Test
  void hasBledFollowsPisters2010Points() {
    // 70-year-old with uncontrolled hypertension taking aspirin: H + E + D = 3 (high risk)
    int s =
        RiskScores.hasBled(
            new RiskScores.HasBled(true, false, false, false, false, false, true, true, false));
    assertThat(s).isEqualTo(3);
    assertThat(RiskScores.hasBledAdvice(s)).startsWith("high bleeding risk");
    assertThat(
            RiskScores.hasBled(
                new RiskScores.HasBled(true, true, true, true, true, true, true, true, true)))
        .isEqualTo(9);
    assertThat(RiskScores.hasBledAdvice(2)).startsWith("low to moderate");
  }

  @Test
  void egfrFollowsTheCkdEpi2021Equation() {
    // 60-year-old man, creatinine 1.0 mg/dL → 86 mL/min/1.73 m² (Inker et al. 2021 equation)
    assertThat(RiskScores.egfrCkdEpi2021(1.0, 60, false)).isCloseTo(86.2, within(0.1));
    // 50-year-old woman, 1.0 mg/dL → 69; the female branch below κ uses α = −0.241
    assertThat(RiskScores.egfrCkdEpi2021(1.0, 50, true)).isCloseTo(68.6, within(0.1));
    assertThat(RiskScores.egfrCkdEpi2021(0.6, 30, true)).isCloseTo(123.8, within(0.1));
    assertThat(RiskScores.egfrCkdEpi2021(2.5, 75, false)).isCloseTo(26.1, within(0.1));
    assertThat(RiskScores.gfrCategory(86.2)).startsWith("G2");
    assertThat(RiskScores.gfrCategory(26.1)).startsWith("G4");
    assertThat(RiskScores.gfrCategory(10)).startsWith("G5");
    // 88.4 µmol/L is 1.0 mg/dL
    assertThat(RiskScores.egfrCkdEpi2021(88.4 / RiskScores.CREATININE_UMOL_PER_MG_DL, 60, false))
        .isCloseTo(86.2, within(0.1));
    assertThatThrownBy(() -> RiskScores.egfrCkdEpi2021(1.0, 12, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
