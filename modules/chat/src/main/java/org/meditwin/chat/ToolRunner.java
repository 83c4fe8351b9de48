package org.meditwin.chat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meditwin.chat.tools.MedicationLookup;
import org.meditwin.chat.tools.RiskScores;
import org.meditwin.chat.tools.SymptomChecker;
import org.meditwin.chat.tools.TimelineLookup;
import org.meditwin.nlp.safety.RedFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's function calling: picks tools from the user's own message (never from attached
 * documents or retrieved passages), extracts their arguments and runs them. Tool names: {@code
 * symptom_checker}, {@code timeline_lookup}, {@code medication_list}, {@code bmi}, {@code
 * cha2ds2_vasc}, {@code has_bled}, {@code egfr_ckd_epi_2021}.
 */
final class ToolRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ToolRunner.class);

  private final Optional<TimelineLookup> timeline;
  private final Optional<MedicationLookup> medications;
  private final java.time.Clock clock;

  ToolRunner(
      Optional<TimelineLookup> timeline,
      Optional<MedicationLookup> medications,
      java.time.Clock clock) {
    this.timeline = timeline;
    this.medications = medications;
    this.clock = clock;
  }

  /** Whether a call produced a value rather than asking for missing inputs or failing. */
  static boolean computed(ToolCall c) {
    String r = c.result();
    return !(r.startsWith("needs ")
        || r.startsWith("cannot ")
        || r.startsWith("no patient")
        || r.contains("not available"));
  }

  private static Pattern p(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  static final Pattern BMI = p("(?<![\\p{L}])(bmi|body[- ]mass[- ]index)(?![\\p{L}])");
  static final Pattern CHADS =
      p("cha\\s*2?₂?\\s*ds\\s*2?₂?[- ]?vasc|chads|stroke risk.{0,40}(af|atrial fib)");
  static final Pattern HAS_BLED =
      p("has[- ]?bled|bleed(ing)? risk.{0,40}(anticoag|warfarin|af\\b|atrial)");
  static final Pattern EGFR =
      p("(?<![\\p{L}])(e?gfr|ckd[- ]epi|kidney function|renal function)(?![\\p{L}])");
  static final Pattern TIMELINE =
      p(
          "(when (was|were|did) (my|the|his|her|their)? ?(last|latest|most recent|previous)"
              + "|(last|latest|most recent|previous) ([\\p{L}-]+ ){0,2}(was|were|done|taken)"
              + "|when did (i|he|she|they|we) (last )?(have|get|do)|date of (my|the|his|her) (last|latest))");
  static final Pattern MEDICATIONS =
      p(
          "((my|current|his|her|their|the patient's|patient's|list( of)?|which|what) "
              + "(current )?(medications?|medicines?|meds|drugs|prescriptions?))"
              + "|(medications?|medicines?|meds) (am i|is (he|she)|are they) (on|taking)"
              + "|what (am i|is (he|she)|are they) taking");

  List<ToolCall> run(String message, Optional<String> patientId, List<RedFlag> flags) {
    List<ToolCall> out = new ArrayList<>();
    String m = message.toLowerCase(Locale.ROOT);
    try {
      if (BMI.matcher(m).find()) {
        out.add(bmi(m));
      }
      if (CHADS.matcher(m).find()) {
        out.add(chadsVasc(m));
      }
      if (HAS_BLED.matcher(m).find()) {
        out.add(hasBled(m));
      }
      if (EGFR.matcher(m).find()) {
        out.add(egfr(m));
      }
      if (TIMELINE.matcher(m).find()) {
        out.add(timeline(m, patientId));
      }
      if (MEDICATIONS.matcher(m).find()) {
        out.add(medications(patientId));
      }
      if (out.isEmpty() && SymptomChecker.describesSymptoms(message)) {
        out.add(symptoms(message, flags));
      }
    } catch (RuntimeException e) {
      LOG.warn("a tool failed: {}", e.getClass().getSimpleName());
    }
    return List.copyOf(out);
  }

  // ---- argument extraction ----

  private static final Pattern KG = p("(\\d+(?:[.,]\\d+)?)\\s*(kg|kgs|kilo(gram)?s?)(?![\\p{L}])");
  private static final Pattern LB = p("(\\d+(?:[.,]\\d+)?)\\s*(lb|lbs|pounds?)(?![\\p{L}])");
  private static final Pattern CM = p("(\\d+(?:[.,]\\d+)?)\\s*(cm|centimet(er|re)s?)(?![\\p{L}])");
  private static final Pattern M =
      p("(?<![\\d.,])([12](?:[.,]\\d{1,2})?)\\s*(m|met(er|re)s?)(?![\\p{L}])");
  private static final Pattern FT_IN =
      p("(\\d)\\s*(ft|feet|foot|')\\s*(\\d{1,2})?\\s*(in|inches|\"|'')?");
  private static final Pattern AGE =
      p(
          "(\\d{1,3})[- ]?(years?[- ]old|year[- ]old|yrs?[- ]old|yo|y/o|y\\.o\\.|-year-old)"
              + "|(age[ds]?|aged)\\s*:?\\s*(\\d{1,3})|(\\d{1,3})\\s*(years|yrs)(?![\\p{L}])");
  private static final Pattern FEMALE =
      p("(?<![\\p{L}])(woman|female|lady|girl|she|her|mrs|ms)(?![\\p{L}])|\\d\\s?f(?![\\p{L}])");
  private static final Pattern MALE =
      p(
          "(?<![\\p{L}])(man|male|gentleman|boy|he|his|mr)(?![\\p{L}])|(?<![.,\\d])\\d{2}\\s?m(?![\\p{L}])");
  private static final Pattern CREATININE =
      p(
          "(creatinine|scr|cr)\\s*(of|is|=|:)?\\s*(\\d+(?:[.,]\\d+)?)\\s*(mg/dl|mg/dL|µmol/l|umol/l|"
              + "μmol/l|micromol/l)?");

  private static OptionalDouble number(Pattern pattern, String m, int group) {
    Matcher x = pattern.matcher(m);
    return x.find()
        ? OptionalDouble.of(Double.parseDouble(x.group(group).replace(',', '.')))
        : OptionalDouble.empty();
  }

  static OptionalDouble weightKg(String m) {
    OptionalDouble kg = number(KG, m, 1);
    if (kg.isPresent()) {
      return kg;
    }
    OptionalDouble lb = number(LB, m, 1);
    return lb.isPresent()
        ? OptionalDouble.of(lb.getAsDouble() * 0.45359237)
        : OptionalDouble.empty();
  }

  static OptionalDouble heightM(String m) {
    OptionalDouble cm = number(CM, m, 1);
    if (cm.isPresent()) {
      return OptionalDouble.of(cm.getAsDouble() / 100);
    }
    OptionalDouble metres = number(M, m, 1);
    if (metres.isPresent()) {
      return metres;
    }
    Matcher f = FT_IN.matcher(m);
    if (f.find()) {
      double inches =
          Integer.parseInt(f.group(1)) * 12
              + (f.group(3) == null ? 0 : Integer.parseInt(f.group(3)));
      return OptionalDouble.of(inches * 0.0254);
    }
    return OptionalDouble.empty();
  }

  static OptionalInt age(String m) {
    Matcher a = AGE.matcher(m);
    if (!a.find()) {
      return OptionalInt.empty();
    }
    String g = a.group(1) != null ? a.group(1) : a.group(4) != null ? a.group(4) : a.group(5);
    return OptionalInt.of(Integer.parseInt(g));
  }

  static Optional<Boolean> female(String m) {
    boolean f = FEMALE.matcher(m).find();
    boolean male = MALE.matcher(m).find();
    if (f == male) {
      return Optional.empty();
    }
    return Optional.of(f);
  }

  private static boolean has(String m, String regex) {
    return p("(?<![\\p{L}])(" + regex + ")(?![\\p{L}])").matcher(m).find()
        && !p("(no|without|denies|not?) (history of )?(" + regex + ")").matcher(m).find();
  }

  // ---- tools ----

  private ToolCall bmi(String m) {
    Map<String, String> in = new LinkedHashMap<>();
    OptionalDouble w = weightKg(m);
    OptionalDouble h = heightM(m);
    w.ifPresent(v -> in.put("weight_kg", fmt(v)));
    h.ifPresent(v -> in.put("height_m", fmt(v)));
    if (w.isEmpty() || h.isEmpty()) {
      return new ToolCall(
          "bmi", in, "needs weight and height, e.g. \"BMI for 80 kg and 180 cm\" (or lb, ft/in)");
    }
    try {
      double b = RiskScores.bmi(w.getAsDouble(), h.getAsDouble());
      return new ToolCall(
          "bmi",
          in,
          String.format(
              Locale.ROOT,
              "BMI %.1f kg/m² — %s (WHO adult categories)",
              b,
              RiskScores.bmiCategory(b)));
    } catch (IllegalArgumentException e) {
      return new ToolCall("bmi", in, "cannot compute: " + e.getMessage());
    }
  }

  private ToolCall chadsVasc(String m) {
    Map<String, String> in = new LinkedHashMap<>();
    OptionalInt age = age(m);
    Optional<Boolean> female = female(m);
    boolean chf = has(m, "heart failure|chf|hfref|hfpef|reduced ejection fraction|lv dysfunction");
    boolean htn = has(m, "hypertension|high blood pressure|htn|hypertensive");
    boolean dm = has(m, "diabetes|diabetic|dm|t2dm|t1dm");
    boolean stroke =
        has(m, "stroke|tia|transient ischa?emic attack|thromboembolism|systemic embolism");
    boolean vasc =
        has(
            m,
            "myocardial infarction|heart attack|mi|peripheral arter(y|ial) disease|pad|aortic plaque|"
                + "vascular disease|coronary artery disease|cad");
    age.ifPresent(a -> in.put("age", Integer.toString(a)));
    female.ifPresent(f -> in.put("sex", f ? "female" : "male"));
    in.put("heart_failure", yn(chf));
    in.put("hypertension", yn(htn));
    in.put("diabetes", yn(dm));
    in.put("stroke_tia_thromboembolism", yn(stroke));
    in.put("vascular_disease", yn(vasc));
    if (age.isEmpty() || female.isEmpty()) {
      return new ToolCall(
          "cha2ds2_vasc",
          in,
          "needs age and sex, e.g. \"CHA2DS2-VASc for a 72-year-old woman with hypertension\"");
    }
    int s =
        RiskScores.cha2ds2Vasc(
            new RiskScores.ChadsVasc(age.getAsInt(), female.get(), chf, htn, dm, stroke, vasc));
    return new ToolCall(
        "cha2ds2_vasc",
        in,
        "CHA₂DS₂-VASc " + s + " — " + RiskScores.cha2ds2VascAdvice(s, female.get()));
  }

  private ToolCall hasBled(String m) {
    Map<String, String> in = new LinkedHashMap<>();
    OptionalInt age = age(m);
    boolean htn =
        has(
            m,
            "uncontrolled hypertension|systolic (above|over|>) ?160|hypertension|high blood pressure");
    boolean renal =
        has(m, "dialysis|kidney transplant|renal (failure|disease|impairment)|ckd|kidney disease");
    boolean liver = has(m, "cirrhosis|liver disease|hepatic (impairment|disease)");
    boolean stroke = has(m, "stroke");
    boolean bleed =
        has(
            m,
            "bleeding history|previous bleed(ing)?|major bleed(ing)?|prior bleed(ing)?|anaemia|anemia|bleed");
    boolean inr = has(m, "labile inr|unstable inr|inr (is )?(unstable|labile|erratic)");
    boolean elderly = age.isPresent() ? age.getAsInt() > 65 : has(m, "elderly");
    boolean drugs = has(m, "aspirin|clopidogrel|antiplatelet|nsaids?|ibuprofen|naproxen");
    boolean alcohol = has(m, "alcohol|drinks? (a lot|heavily)|heavy drink(ing|er)");
    age.ifPresent(a -> in.put("age", Integer.toString(a)));
    in.put("hypertension", yn(htn));
    in.put("abnormal_renal", yn(renal));
    in.put("abnormal_liver", yn(liver));
    in.put("stroke", yn(stroke));
    in.put("bleeding", yn(bleed));
    in.put("labile_inr", yn(inr));
    in.put("elderly_over_65", yn(elderly));
    in.put("drugs", yn(drugs));
    in.put("alcohol", yn(alcohol));
    int s =
        RiskScores.hasBled(
            new RiskScores.HasBled(htn, renal, liver, stroke, bleed, inr, elderly, drugs, alcohol));
    return new ToolCall("has_bled", in, "HAS-BLED " + s + " — " + RiskScores.hasBledAdvice(s));
  }

  private ToolCall egfr(String m) {
    Map<String, String> in = new LinkedHashMap<>();
    Matcher c = CREATININE.matcher(m);
    OptionalDouble mgdl = OptionalDouble.empty();
    if (c.find()) {
      double v = Double.parseDouble(c.group(3).replace(',', '.'));
      String unit = c.group(4) == null ? "" : c.group(4).toLowerCase(Locale.ROOT);
      boolean micromol = unit.contains("mol") || (unit.isEmpty() && v >= 20);
      mgdl = OptionalDouble.of(micromol ? v / RiskScores.CREATININE_UMOL_PER_MG_DL : v);
      in.put("creatinine_mg_dl", fmt(mgdl.getAsDouble()));
    }
    OptionalInt age = age(m);
    Optional<Boolean> female = female(m);
    age.ifPresent(a -> in.put("age", Integer.toString(a)));
    female.ifPresent(f -> in.put("sex", f ? "female" : "male"));
    if (mgdl.isEmpty() || age.isEmpty() || female.isEmpty()) {
      return new ToolCall(
          "egfr_ckd_epi_2021",
          in,
          "needs serum creatinine, age and sex, e.g. \"eGFR creatinine 1.1 mg/dL, 60-year-old man\"");
    }
    try {
      double e = RiskScores.egfrCkdEpi2021(mgdl.getAsDouble(), age.getAsInt(), female.get());
      return new ToolCall(
          "egfr_ckd_epi_2021",
          in,
          String.format(
              Locale.ROOT,
              "eGFR %d mL/min/1.73 m² — KDIGO %s (CKD-EPI 2021)",
              Math.round(e),
              RiskScores.gfrCategory(e)));
    } catch (IllegalArgumentException ex) {
      return new ToolCall("egfr_ckd_epi_2021", in, "cannot compute: " + ex.getMessage());
    }
  }

  /** Synonyms of what a timeline question may ask about. */
  private static final Map<String, List<String>> TIMELINE_TERMS = new LinkedHashMap<>();

  static {
    TIMELINE_TERMS.put(
        "audiogram", List.of("audiogram", "audiometry", "hearing test", "pure-tone", "pure tone"));
    TIMELINE_TERMS.put("hearing test", List.of("audiogram", "audiometry", "hearing test"));
    TIMELINE_TERMS.put("tympanometry", List.of("tympanometry", "tympanogram"));
    TIMELINE_TERMS.put("mri", List.of("mri", "magnetic resonance"));
    TIMELINE_TERMS.put("ct", List.of("ct", "computed tomography", "cat scan"));
    TIMELINE_TERMS.put("x-ray", List.of("x-ray", "xray", "radiograph"));
    TIMELINE_TERMS.put("ecg", List.of("ecg", "ekg", "electrocardiogram"));
    TIMELINE_TERMS.put(
        "blood test", List.of("blood test", "lab", "cbc", "panel", "hba1c", "creatinine"));
    TIMELINE_TERMS.put("visit", List.of("visit", "appointment", "consultation"));
    TIMELINE_TERMS.put(
        "vaccine", List.of("vaccine", "vaccination", "immunization", "immunisation", "shot"));
  }

  private ToolCall timeline(String m, Optional<String> patientId) {
    Map<String, String> in = new LinkedHashMap<>();
    String what = timelineSubject(m);
    in.put("query", what);
    patientId.ifPresent(p -> in.put("patient", "selected patient"));
    if (patientId.isEmpty()) {
      return new ToolCall("timeline_lookup", in, "no patient is selected: choose a patient first");
    }
    if (timeline.isEmpty()) {
      return new ToolCall("timeline_lookup", in, "the patient timeline is not available here");
    }
    List<String> terms = TIMELINE_TERMS.getOrDefault(what, List.of(what));
    Optional<TimelineLookup.Event> last =
        timeline.get().events(patientId.get()).stream()
            .filter(
                e -> {
                  String t =
                      (e.title() + " " + e.type() + " " + e.detail().orElse(""))
                          .toLowerCase(Locale.ROOT);
                  return terms.stream()
                      .anyMatch(
                          x ->
                              Pattern.compile("(?<![\\p{L}])" + Pattern.quote(x))
                                  .matcher(t)
                                  .find());
                })
            .max(Comparator.comparing(TimelineLookup.Event::date));
    return new ToolCall(
        "timeline_lookup",
        in,
        last.map(
                e ->
                    "last "
                        + what
                        + ": "
                        + e.date()
                        + " — "
                        + e.title()
                        + e.detail().map(d -> " (" + d + ")").orElse("")
                        + " ["
                        + e.type()
                        + ", "
                        + daysAgo(e.date())
                        + "]")
            .orElse("no " + what + " found in the patient's timeline"));
  }

  private String daysAgo(LocalDate d) {
    long days = java.time.temporal.ChronoUnit.DAYS.between(d, LocalDate.now(clock));
    return days < 0 ? "scheduled" : days + " days ago";
  }

  static String timelineSubject(String m) {
    for (String key : TIMELINE_TERMS.keySet()) {
      for (String syn : TIMELINE_TERMS.get(key)) {
        if (Pattern.compile("(?<![\\p{L}])" + Pattern.quote(syn) + "(?![\\p{L}])")
            .matcher(m)
            .find()) {
          return key;
        }
      }
    }
    Matcher x = p("(last|latest|most recent|previous) ([\\p{L}-]+( [\\p{L}-]+)?)").matcher(m);
    if (x.find()) {
      return x.group(2).replaceAll("\\s+(was|were|done|taken)$", "").strip();
    }
    return "event";
  }

  private ToolCall medications(Optional<String> patientId) {
    Map<String, String> in = new LinkedHashMap<>();
    patientId.ifPresent(p -> in.put("patient", "selected patient"));
    if (patientId.isEmpty()) {
      return new ToolCall("medication_list", in, "no patient is selected: choose a patient first");
    }
    if (medications.isEmpty()) {
      return new ToolCall("medication_list", in, "the medication list is not available here");
    }
    List<MedicationLookup.Medication> meds =
        medications.get().medications(patientId.get()).stream()
            .filter(MedicationLookup.Medication::active)
            .toList();
    if (meds.isEmpty()) {
      return new ToolCall("medication_list", in, "no active medications recorded");
    }
    List<String> lines = new ArrayList<>();
    for (MedicationLookup.Medication med : meds) {
      lines.add(
          med.name()
              + med.dose().map(d -> " " + d).orElse("")
              + med.frequency().map(f -> " " + f).orElse("")
              + med.started().map(s -> " (since " + s + ")").orElse(""));
    }
    return new ToolCall("medication_list", in, String.join("; ", lines));
  }

  private ToolCall symptoms(String message, List<RedFlag> flags) {
    SymptomChecker.Assessment a = SymptomChecker.assess(message, flags);
    Map<String, String> in = new LinkedHashMap<>();
    in.put("symptoms", a.symptoms().isEmpty() ? "none named" : String.join(", ", a.symptoms()));
    in.put("duration_days", a.durationDays().map(ToolRunner::fmt).orElse("not stated"));
    in.put("severity_0_10", a.severity().map(String::valueOf).orElse("not stated"));
    in.put(
        "red_flags",
        flags.isEmpty() ? "none" : String.join(", ", flags.stream().map(RedFlag::id).toList()));
    return new ToolCall("symptom_checker", in, "triage " + a.triage() + " — " + a.advice());
  }

  private static String yn(boolean b) {
    return b ? "yes" : "no";
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
  }
}
