package org.meditwin.chat.tools;

/**
 * Clinical calculators with their published definitions:
 *
 * <ul>
 *   <li>BMI = weight (kg) / height (m)², WHO adult categories;
 *   <li>CHA₂DS₂-VASc (Lip et al., Chest 2010;137:263) — stroke risk in atrial fibrillation, 0–9;
 *   <li>HAS-BLED (Pisters et al., Chest 2010;138:1093) — one-year major bleeding risk on
 *       anticoagulation, 0–9;
 *   <li>eGFR by the race-free CKD-EPI 2021 creatinine equation (Inker et al., NEJM 2021;385:1737).
 * </ul>
 */
public final class RiskScores {
  private RiskScores() {}

  /** µmol/L per mg/dL of creatinine. */
  public static final double CREATININE_UMOL_PER_MG_DL = 88.4;

  /** Body-mass index in kg/m². */
  public static double bmi(double weightKg, double heightM) {
    if (!(weightKg > 0 && weightKg < 700) || !(heightM > 0.3 && heightM < 2.8)) {
      throw new IllegalArgumentException(
          "weight must be 0–700 kg and height 0.3–2.8 m, got "
              + weightKg
              + " kg, "
              + heightM
              + " m");
    }
    return weightKg / (heightM * heightM);
  }

  /** WHO adult BMI category. */
  public static String bmiCategory(double bmi) {
    if (bmi < 18.5) {
      return "underweight";
    }
    if (bmi < 25) {
      return "healthy weight";
    }
    if (bmi < 30) {
      return "overweight";
    }
    return "obesity";
  }

  /** Inputs of CHA₂DS₂-VASc. */
  public record ChadsVasc(
      int age,
      boolean female,
      boolean congestiveHeartFailure,
      boolean hypertension,
      boolean diabetes,
      boolean strokeTiaOrThromboembolism,
      boolean vascularDisease) {}

  /**
   * C heart failure 1, H hypertension 1, A₂ age ≥ 75 2, D diabetes 1, S₂ prior stroke/TIA/
   * thromboembolism 2, V vascular disease (MI, PAD, aortic plaque) 1, A age 65–74 1, Sc female 1.
   */
  public static int cha2ds2Vasc(ChadsVasc in) {
    if (in.age() < 0 || in.age() > 130) {
      throw new IllegalArgumentException("age must be 0–130: " + in.age());
    }
    int s = 0;
    s += in.congestiveHeartFailure() ? 1 : 0;
    s += in.hypertension() ? 1 : 0;
    s += in.age() >= 75 ? 2 : in.age() >= 65 ? 1 : 0;
    s += in.diabetes() ? 1 : 0;
    s += in.strokeTiaOrThromboembolism() ? 2 : 0;
    s += in.vascularDisease() ? 1 : 0;
    s += in.female() ? 1 : 0;
    return s;
  }

  /**
   * ESC 2020 AF guideline reading of a score: anticoagulation recommended from 2 (men) / 3 (women),
   * considered at 1 (men) / 2 (women).
   */
  public static String cha2ds2VascAdvice(int score, boolean female) {
    int base = female ? 1 : 0;
    if (score >= 2 + base) {
      return "oral anticoagulation is recommended (ESC 2020)";
    }
    if (score == 1 + base) {
      return "oral anticoagulation should be considered (ESC 2020)";
    }
    return "low risk: no anticoagulation for stroke prevention (ESC 2020)";
  }

  /** Inputs of HAS-BLED. */
  public record HasBled(
      boolean uncontrolledHypertension,
      boolean abnormalRenalFunction,
      boolean abnormalLiverFunction,
      boolean stroke,
      boolean bleedingHistory,
      boolean labileInr,
      boolean elderly,
      boolean drugs,
      boolean alcohol) {}

  /**
   * H hypertension (systolic &gt; 160) 1, A abnormal renal 1 / liver 1, S stroke 1, B bleeding 1, L
   * labile INR 1, E elderly &gt; 65 1, D antiplatelets/NSAIDs 1 / alcohol ≥ 8 drinks a week 1.
   */
  public static int hasBled(HasBled in) {
    int s = 0;
    for (boolean b :
        new boolean[] {
          in.uncontrolledHypertension(),
          in.abnormalRenalFunction(),
          in.abnormalLiverFunction(),
          in.stroke(),
          in.bleedingHistory(),
          in.labileInr(),
          in.elderly(),
          in.drugs(),
          in.alcohol()
        }) {
      s += b ? 1 : 0;
    }
    return s;
  }

  public static String hasBledAdvice(int score) {
    return score >= 3
        ? "high bleeding risk: correct modifiable factors and review more often (not a reason by"
            + " itself to withhold anticoagulation)"
        : "low to moderate bleeding risk";
  }

  /**
   * eGFR (mL/min/1.73 m²) = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012
   * [female]; κ = 0.7 (female) / 0.9 (male), α = −0.241 (female) / −0.302 (male).
   *
   * @param creatinineMgDl serum creatinine in mg/dL (divide µmol/L by {@link
   *     #CREATININE_UMOL_PER_MG_DL})
   */
  public static double egfrCkdEpi2021(double creatinineMgDl, int age, boolean female) {
    if (!(creatinineMgDl > 0.05 && creatinineMgDl < 30) || age < 18 || age > 130) {
      throw new IllegalArgumentException(
          "CKD-EPI needs creatinine 0.05–30 mg/dL and adult age, got "
              + creatinineMgDl
              + " mg/dL, "
              + age
              + " years");
    }
    double kappa = female ? 0.7 : 0.9;
    double alpha = female ? -0.241 : -0.302;
    double ratio = creatinineMgDl / kappa;
    double e =
        142
            * Math.pow(Math.min(ratio, 1), alpha)
            * Math.pow(Math.max(ratio, 1), -1.200)
            * Math.pow(0.9938, age);
    return female ? e * 1.012 : e;
  }

  /** KDIGO 2012 GFR category. */
  public static String gfrCategory(double egfr) {
    if (egfr >= 90) {
      return "G1 (normal or high)";
    }
    if (egfr >= 60) {
      return "G2 (mildly decreased)";
    }
    if (egfr >= 45) {
      return "G3a (mildly to moderately decreased)";
    }
    if (egfr >= 30) {
      return "G3b (moderately to severely decreased)";
    }
    if (egfr >= 15) {
      return "G4 (severely decreased)";
    }
    return "G5 (kidney failure)";
  }
}
