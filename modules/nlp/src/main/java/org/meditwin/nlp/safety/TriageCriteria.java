package org.meditwin.nlp.safety;

import static org.meditwin.nlp.safety.Finding.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The published triage criteria as rules over affirmed {@link Finding}s. */
final class TriageCriteria {
  private TriageCriteria() {}

  private static final String CALL =
      "Call the local emergency number (911 / 112 / 999) now or go to the nearest emergency "
          + "department; do not drive yourself.";

  /**
   * A rule: when {@code test} holds, a flag of {@code criterion} with the phrases of {@code
   * evidence}.
   */
  record Rule(
      RedFlagCriterion criterion,
      Predicate<Map<Finding, List<String>>> test,
      List<Finding> evidence) {
    boolean test(Map<Finding, List<String>> found) {
      return test.test(found);
    }

    RedFlag flag(Map<Finding, List<String>> found) {
      List<String> matched = new ArrayList<>();
      for (Finding f : evidence) {
        for (String p : found.getOrDefault(f, List.of())) {
          if (!matched.contains(p)) {
            matched.add(p);
          }
        }
      }
      return new RedFlag(
          criterion.id(), criterion.name(), criterion.urgency(), criterion.nextSteps(), matched);
    }
  }

  static final RedFlagCriterion ACS =
      new RedFlagCriterion(
          "acute-coronary-syndrome",
          "Chest pain with heart-attack warning signs",
          RedFlag.EMERGENCY,
          "chest pain or pressure with shortness of breath, sweating, nausea, fainting, crushing "
              + "quality or spread to the arm, jaw, neck or back; or a reported heart attack now",
          "2021 AHA/ACC/ASE/CHEST/SAEM/SCCT/SCMR Guideline for the Evaluation and Diagnosis of "
              + "Chest Pain (Gulati et al., Circulation 2021;144:e368) — activate EMS for acute "
              + "chest pain",
          List.of(
              CALL,
              "Chew one 300 mg (or four 81 mg) plain aspirin tablet unless allergic to aspirin or "
                  + "told not to take it.",
              "Sit down and rest; unlock the door and keep the phone nearby.",
              "If the person collapses and is not breathing normally, start CPR and use an AED."));

  static final RedFlagCriterion CHEST_PAIN_URGENT =
      new RedFlagCriterion(
          "chest-pain",
          "New chest pain",
          RedFlag.URGENT,
          "chest pain, pressure or tightness without other warning signs",
          "2021 AHA/ACC Chest Pain Guideline (Gulati et al., Circulation 2021): acute chest pain "
              + "needs prompt evaluation with an ECG",
          List.of(
              "Get a same-day medical assessment with an ECG (urgent care or emergency department).",
              "If the pain becomes severe or comes with breathlessness, sweating, nausea or pain in "
                  + "the arm or jaw, call the emergency number at once."));

  static final RedFlagCriterion STROKE_SIGNS =
      new RedFlagCriterion(
          "stroke",
          "Stroke warning signs (BE-FAST)",
          RedFlag.EMERGENCY,
          "sudden face droop, arm or leg weakness or numbness on one side, slurred or lost speech, "
              + "sudden loss of balance or vision (BE-FAST), or a stroke happening now",
          "AHA/ASA BE-FAST / F.A.S.T. stroke warning signs; 2019 AHA/ASA Guidelines for the Early "
              + "Management of Acute Ischemic Stroke (Powers et al., Stroke 2019;50:e344)",
          List.of(
              CALL,
              "Note the time the symptoms started or the person was last seen well: it decides "
                  + "clot-dissolving treatment.",
              "Do not give food, drink or medicines (including aspirin) until assessed.",
              "Stay with the person; if unconscious and breathing, place on their side."));

  static final RedFlagCriterion ANAPHYLAXIS_SIGNS =
      new RedFlagCriterion(
          "anaphylaxis",
          "Possible anaphylaxis",
          RedFlag.EMERGENCY,
          "swelling of the throat or tongue, or hives/allergen exposure with breathing "
              + "difficulty, fainting, low blood pressure or vomiting (two or more organ systems)",
          "World Allergy Organization Anaphylaxis Guidance 2020 (Cardona et al., WAO J 2020) and "
              + "NIAID/FAAN clinical criteria (Sampson et al., JACI 2006;117:391)",
          List.of(
              "Use an adrenaline (epinephrine) auto-injector now if one is available — outer thigh.",
              CALL,
              "Lie flat with the legs raised (sit up if breathing is hard); do not stand or walk.",
              "A second adrenaline dose may be given after 5 minutes if there is no improvement."));

  static final RedFlagCriterion BLEEDING =
      new RedFlagCriterion(
          "severe-bleeding",
          "Severe bleeding",
          RedFlag.EMERGENCY,
          "bleeding that does not stop, spurting or soaking through dressings, vomiting or "
              + "coughing up blood, black tarry stools",
          "American College of Surgeons STOP THE BLEED; NICE CG141 (acute upper GI bleeding)",
          List.of(
              CALL,
              "Press firmly and continuously on the wound with a clean cloth; do not lift it to "
                  + "check.",
              "For a limb wound that keeps bleeding despite pressure, a tourniquet above the wound.",
              "Lie down and keep warm; nothing to eat or drink."));

  static final RedFlagCriterion SUICIDE =
      new RedFlagCriterion(
          "suicide-risk",
          "Suicidal thoughts or self-harm",
          RedFlag.EMERGENCY,
          "wish to be dead, thoughts of killing oneself, method, intent, plan or preparatory "
              + "behaviour",
          "Columbia Suicide Severity Rating Scale (C-SSRS) screener items 1–6 (Posner et al., "
              + "Am J Psychiatry 2011;168:1266)",
          List.of(
              "If there is immediate danger, call the emergency number now and stay with the "
                  + "person.",
              "Call or text a crisis line now (US: 988 Suicide & Crisis Lifeline; UK: Samaritans "
                  + "116 123; elsewhere: local crisis service).",
              "Remove access to medicines, weapons and other means.",
              "Arrange a same-day mental-health assessment; a clinician should ask the full "
                  + "C-SSRS."));

  static final RedFlagCriterion SSNHL =
      new RedFlagCriterion(
          "sudden-hearing-loss",
          "Sudden hearing loss",
          RedFlag.URGENT,
          "hearing loss in one or both ears that developed within 72 hours",
          "AAO-HNS Clinical Practice Guideline: Sudden Hearing Loss (Update), Chandrasekhar et "
              + "al., Otolaryngol Head Neck Surg 2019;161(1S):S1",
          List.of(
              "See an ENT or audiology service within 24–48 hours for audiometry: sudden "
                  + "sensorineural loss is treated with corticosteroids, best within 2 weeks.",
              "Go to the emergency department now if it comes with weakness, facial droop, "
                  + "slurred speech, severe vertigo or headache (possible stroke).",
              "Do not wait for it to clear by itself or treat it as ear wax without an "
                  + "examination."));

  static final RedFlagCriterion MENINGITIS_SIGNS =
      new RedFlagCriterion(
          "meningitis",
          "Possible meningitis or meningococcal disease",
          RedFlag.EMERGENCY,
          "neck stiffness with fever, photophobia, confusion or a non-blanching rash; fever and "
              + "headache with confusion, photophobia or a non-blanching rash",
          "van de Beek et al., NEJM 2004;351:1849 (fever, neck stiffness, altered mental status, "
              + "headache); NICE NG240 Meningitis (bacterial) and meningococcal disease 2024",
          List.of(
              CALL,
              "Press a glass on any rash: spots that do not fade need emergency care immediately.",
              "Do not wait for a rash to appear; meningitis can worsen within hours."));

  static final RedFlagCriterion SAH =
      new RedFlagCriterion(
          "thunderclap-headache",
          "Sudden severe ('worst ever') headache",
          RedFlag.EMERGENCY,
          "the worst headache of one's life or a severe headache reaching its peak within a "
              + "minute",
          "Ottawa Subarachnoid Hemorrhage Rule (Perry et al., JAMA 2013;310:1248)",
          List.of(
              CALL,
              "Do not take blood thinners or drive; lie down in a quiet place until help comes.",
              "Tell the emergency team exactly when it started and what you were doing."));

  static final RedFlagCriterion CAUDA_EQUINA_SIGNS =
      new RedFlagCriterion(
          "cauda-equina",
          "Possible cauda equina syndrome",
          RedFlag.EMERGENCY,
          "back pain or leg symptoms with saddle numbness or new bladder/bowel problems, or "
              + "weakness or numbness in both legs",
          "NICE CKS Sciatica (lumbar radiculopathy) red flags; GIRFT National Suspected Cauda "
              + "Equina Syndrome Pathway 2023",
          List.of(
              "Go to the emergency department now: an emergency MRI is needed the same day.",
              "Do not wait for the next appointment; delays can cause permanent bladder, bowel "
                  + "and leg damage."));

  static final RedFlagCriterion SEPSIS_SIGNS =
      new RedFlagCriterion(
          "sepsis",
          "Possible sepsis",
          RedFlag.EMERGENCY,
          "infection or fever with confusion, fast breathing, low blood pressure, mottled or "
              + "blue skin, no urine, or feeling as if one is going to die",
          "NICE NG51 Sepsis (2024 update); qSOFA (Seymour et al., JAMA 2016;315:762); UK Sepsis "
              + "Trust adult signs",
          List.of(
              CALL,
              "Say 'I think this could be sepsis' to the emergency team.",
              "Bring a list of current medicines and recent illnesses or operations."));

  static final RedFlagCriterion BREATHING =
      new RedFlagCriterion(
          "severe-breathing-difficulty",
          "Severe breathing difficulty",
          RedFlag.EMERGENCY,
          "cannot breathe, gasping, choking, blue lips or too breathless to speak",
          "NHS 111 / NICE CKS breathlessness red flags; American Red Cross choking first aid",
          List.of(
              CALL,
              "Sit upright; use a prescribed reliever inhaler if the cause is asthma.",
              "If choking and unable to speak or cough, give back blows and abdominal thrusts."));

  static final RedFlagCriterion UNRESPONSIVE =
      new RedFlagCriterion(
          "unresponsive-or-seizure",
          "Unresponsive person or seizure",
          RedFlag.EMERGENCY,
          "unconscious or unresponsive, a seizure happening now, a first seizure, or a seizure "
              + "lasting over 5 minutes",
          "Epilepsy Foundation seizure first aid (call EMS for seizures > 5 minutes or a first "
              + "seizure); ILAE 2015 status epilepticus definition (Trinka et al.)",
          List.of(
              CALL,
              "Check breathing; if not breathing normally, start CPR and use an AED.",
              "During a seizure: time it, protect the head, nothing in the mouth, turn on the side "
                  + "afterwards."));

  static final RedFlagCriterion POISONING =
      new RedFlagCriterion(
          "poisoning-overdose",
          "Overdose or poisoning",
          RedFlag.EMERGENCY,
          "a medicine overdose or swallowed poison",
          "American Association of Poison Control Centers; NICE CKS poisoning",
          List.of(
              CALL,
              "Call Poison Control (US 1-800-222-1222) or the local poisons service.",
              "Do not make the person vomit; keep the packaging to show the team."));

  static final RedFlagCriterion PREGNANCY =
      new RedFlagCriterion(
          "pregnancy-emergency",
          "Bleeding or severe pain in pregnancy",
          RedFlag.EMERGENCY,
          "vaginal bleeding or severe abdominal pain during pregnancy (ectopic pregnancy, "
              + "abruption)",
          "ACOG Practice Bulletin 193 (tubal ectopic pregnancy); NICE NG126",
          List.of(CALL, "Lie on your left side and bring your pregnancy notes."));

  static final RedFlagCriterion ABDOMEN =
      new RedFlagCriterion(
          "severe-abdominal-pain",
          "Severe abdominal pain",
          RedFlag.URGENT,
          "severe or board-like abdominal pain",
          "NICE CKS acute abdominal pain red flags",
          List.of(
              "Get a same-day medical assessment; go to the emergency department if it is "
                  + "getting worse, with fever, vomiting blood or fainting.",
              "Nothing to eat until assessed."));

  private static boolean has(Map<Finding, List<String>> f, Finding x) {
    return f.containsKey(x);
  }

  private static boolean any(Map<Finding, List<String>> f, Finding... xs) {
    for (Finding x : xs) {
      if (f.containsKey(x)) {
        return true;
      }
    }
    return false;
  }

  private static int count(Map<Finding, List<String>> f, Finding... xs) {
    int n = 0;
    for (Finding x : xs) {
      if (f.containsKey(x)) {
        n++;
      }
    }
    return n;
  }

  private static boolean slurred(Map<Finding, List<String>> f) {
    return f.getOrDefault(SPEECH, List.of()).stream()
        .anyMatch(s -> s.toLowerCase(java.util.Locale.ROOT).contains("slur"));
  }

  private static boolean acs(Map<Finding, List<String>> f) {
    return has(f, HEART_ATTACK)
        || (has(f, CHEST_PAIN)
            && any(
                f,
                DYSPNEA,
                SEVERE_DYSPNEA,
                DIAPHORESIS,
                RADIATION,
                NAUSEA,
                SYNCOPE,
                CHEST_PAIN_SEVERE));
  }

  static final List<Rule> ALL =
      List.of(
          new Rule(
              ACS,
              TriageCriteria::acs,
              List.of(
                  HEART_ATTACK,
                  CHEST_PAIN,
                  CHEST_PAIN_SEVERE,
                  DYSPNEA,
                  SEVERE_DYSPNEA,
                  DIAPHORESIS,
                  RADIATION,
                  NAUSEA,
                  SYNCOPE)),
          new Rule(
              STROKE_SIGNS,
              f ->
                  has(f, STROKE)
                      || has(f, FACE_DROOP)
                      || slurred(f)
                      || (has(f, ARM_WEAKNESS) && any(f, SUDDEN, FACE_DROOP, SPEECH))
                      || (has(f, SPEECH) && any(f, SUDDEN, ARM_WEAKNESS))
                      || (any(f, VISION_LOSS, BALANCE_LOSS) && has(f, SUDDEN)),
              List.of(STROKE, FACE_DROOP, ARM_WEAKNESS, SPEECH, VISION_LOSS, BALANCE_LOSS, SUDDEN)),
          new Rule(
              ANAPHYLAXIS_SIGNS,
              f ->
                  has(f, ANAPHYLAXIS)
                      || has(f, AIRWAY_SWELLING)
                      || (any(f, HIVES, LIP_SWELLING)
                          && any(f, DYSPNEA, SEVERE_DYSPNEA, HYPOTENSION, SYNCOPE))
                      || (has(f, ALLERGEN)
                          && count(
                                  f,
                                  HIVES,
                                  LIP_SWELLING,
                                  DYSPNEA,
                                  SEVERE_DYSPNEA,
                                  HYPOTENSION,
                                  SYNCOPE,
                                  NAUSEA)
                              >= 2),
              List.of(
                  ANAPHYLAXIS,
                  AIRWAY_SWELLING,
                  LIP_SWELLING,
                  HIVES,
                  ALLERGEN,
                  DYSPNEA,
                  SEVERE_DYSPNEA,
                  HYPOTENSION,
                  SYNCOPE,
                  NAUSEA)),
          new Rule(BREATHING, f -> has(f, SEVERE_DYSPNEA), List.of(SEVERE_DYSPNEA)),
          new Rule(
              MENINGITIS_SIGNS,
              f ->
                  has(f, MENINGITIS)
                      || (has(f, NECK_STIFFNESS)
                          && any(f, FEVER, PHOTOPHOBIA, ALTERED_MENTAL, PETECHIAL_RASH))
                      || (has(f, FEVER) && has(f, PETECHIAL_RASH))
                      || (has(f, FEVER) && has(f, HEADACHE) && any(f, PHOTOPHOBIA, ALTERED_MENTAL)),
              List.of(
                  MENINGITIS,
                  NECK_STIFFNESS,
                  FEVER,
                  HEADACHE,
                  PHOTOPHOBIA,
                  ALTERED_MENTAL,
                  PETECHIAL_RASH)),
          new Rule(
              SEPSIS_SIGNS,
              f ->
                  has(f, SEPSIS)
                      || (any(f, INFECTION, FEVER)
                          && any(
                              f,
                              ALTERED_MENTAL,
                              TACHYPNOEA,
                              HYPOTENSION,
                              MOTTLED,
                              NO_URINE,
                              FEELS_LIKE_DYING)),
              List.of(
                  SEPSIS,
                  INFECTION,
                  FEVER,
                  ALTERED_MENTAL,
                  TACHYPNOEA,
                  HYPOTENSION,
                  MOTTLED,
                  NO_URINE,
                  FEELS_LIKE_DYING)),
          new Rule(SAH, f -> has(f, THUNDERCLAP), List.of(THUNDERCLAP)),
          new Rule(
              CAUDA_EQUINA_SIGNS,
              f ->
                  has(f, CAUDA_EQUINA)
                      || has(f, SADDLE_ANAESTHESIA)
                      || (any(f, BACK_PAIN, BILATERAL_LEG) && has(f, SPHINCTER))
                      || (has(f, BACK_PAIN) && has(f, BILATERAL_LEG)),
              List.of(CAUDA_EQUINA, BACK_PAIN, SADDLE_ANAESTHESIA, SPHINCTER, BILATERAL_LEG)),
          new Rule(BLEEDING, f -> has(f, SEVERE_BLEEDING), List.of(SEVERE_BLEEDING)),
          new Rule(SUICIDE, f -> has(f, SUICIDAL), List.of(SUICIDAL)),
          new Rule(
              UNRESPONSIVE,
              f -> any(f, UNCONSCIOUS, SEIZURE, FIRST_SEIZURE),
              List.of(UNCONSCIOUS, SEIZURE, FIRST_SEIZURE)),
          new Rule(POISONING, f -> has(f, OVERDOSE), List.of(OVERDOSE)),
          new Rule(
              PREGNANCY,
              f -> has(f, PREGNANT) && any(f, VAGINAL_BLEEDING, ABDOMINAL_SEVERE, SEVERE_BLEEDING),
              List.of(PREGNANT, VAGINAL_BLEEDING, ABDOMINAL_SEVERE)),
          new Rule(
              SSNHL,
              f -> has(f, HEARING_LOSS) && has(f, SUDDEN) && !has(f, GRADUAL),
              List.of(HEARING_LOSS, SUDDEN)),
          new Rule(CHEST_PAIN_URGENT, f -> has(f, CHEST_PAIN) && !acs(f), List.of(CHEST_PAIN)),
          new Rule(ABDOMEN, f -> has(f, ABDOMINAL_SEVERE), List.of(ABDOMINAL_SEVERE)));
}
