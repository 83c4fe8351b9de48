package org.meditwin.chat.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meditwin.nlp.safety.RedFlag;

/**
 * Structured symptom check: reads duration, severity and associated symptoms from a message and
 * gives a triage level with the four NHS 111-style dispositions — EMERGENCY (a red flag), URGENT
 * (same day: an urgent red flag, severe pain ≥ 8/10 or "severe"/"unbearable", fever for 3+ days, or
 * a high fever), ROUTINE (book an appointment: symptoms for 3 weeks or more, moderate severity, or
 * several associated symptoms) or SELF_CARE (mild and recent).
 */
public final class SymptomChecker {
  private SymptomChecker() {}

  /** Triage levels, most urgent first. */
  public enum Triage {
    EMERGENCY,
    URGENT,
    ROUTINE,
    SELF_CARE
  }

  /**
   * @param durationDays how long the symptoms have lasted, when stated
   * @param severity 0–10 when stated as a number, else derived from words (mild 3, moderate 5,
   *     severe 8, worst/unbearable 10)
   * @param symptoms symptoms named in the message
   */
  public record Assessment(
      Optional<Double> durationDays,
      Optional<Integer> severity,
      List<String> symptoms,
      Triage triage,
      String advice) {
    public Assessment {
      symptoms = List.copyOf(symptoms);
    }
  }

  private static final Pattern DURATION =
      Pattern.compile(
          "(?<![\\p{L}])(\\d+(?:\\.\\d+)?|a|an|one|two|three|four|five|six|seven|ten|a few|few|"
              + "several|couple of|a couple of)\\s*(minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|"
              + "months?|years?)(?![\\p{L}])");

  private static final Pattern SINCE =
      Pattern.compile(
          "(?<![\\p{L}])(since (yesterday|last night|this morning|today)|yesterday|last night|"
              + "this morning)(?![\\p{L}])");

  private static final Pattern NUMERIC_SEVERITY =
      Pattern.compile("(?<![\\p{N}])(10|[0-9])\\s*(/|out of)\\s*10(?![\\p{N}])");

  private static final Pattern SEVERITY_WORD =
      Pattern.compile(
          "(?<![\\p{L}])(unbearable|excruciating|worst|agonizing|agonising|severe|terrible|"
              + "really bad|very bad|intense|moderate|mild|slight|a bit of|a little)(?![\\p{L}])");

  /** Symptom vocabulary (lay and clinical); the first spelling is the reported name. */
  private static final List<List<String>> SYMPTOMS =
      List.of(
          List.of("fever", "high temperature", "feverish", "temperature"),
          List.of("cough", "coughing"),
          List.of("sore throat"),
          List.of("headache", "head hurts", "head pain", "migraine"),
          List.of("dizziness", "dizzy", "lightheaded", "light-headed"),
          List.of("vertigo", "room spinning", "spinning"),
          List.of("nausea", "nauseous", "nauseated", "feel sick"),
          List.of("vomiting", "vomit", "throwing up", "threw up"),
          List.of("diarrhoea", "diarrhea"),
          List.of("abdominal pain", "stomach ache", "stomach pain", "tummy ache", "belly pain"),
          List.of("chest pain", "chest tightness", "chest pressure"),
          List.of("shortness of breath", "short of breath", "breathless", "trouble breathing"),
          List.of("palpitations", "racing heart", "heart racing", "pounding heart"),
          List.of("rash", "hives", "itchy skin"),
          List.of("fatigue", "tired", "exhausted", "no energy"),
          List.of("back pain", "back hurts", "backache"),
          List.of("joint pain", "knee pain", "hip pain", "shoulder pain", "joint swelling"),
          List.of("swelling", "swollen"),
          List.of("numbness", "numb", "tingling", "pins and needles"),
          List.of("weakness", "weak"),
          List.of("ear pain", "earache", "ear hurts"),
          List.of("ear discharge", "discharge from the ear", "ear is leaking"),
          List.of(
              "hearing loss", "can't hear", "cannot hear", "muffled hearing", "hard of hearing"),
          List.of("tinnitus", "ringing in my ear", "ringing in the ear", "buzzing in my ear"),
          List.of("blocked ear", "ear feels full", "ear fullness", "plugged ear"),
          List.of("runny nose", "congestion", "stuffy nose", "blocked nose"),
          List.of("pain", "hurts", "ache", "aching", "sore"));

  private static final Pattern HIGH_FEVER =
      Pattern.compile(
          "(?<![\\p{N}])(39\\.[5-9]|4[0-2](\\.\\d)?)\\s*(°\\s*c|c|degrees)?(?![\\p{N}])|"
              + "(?<![\\p{N}])(10[3-7](\\.\\d)?)\\s*(°\\s*f|f|degrees)");

  /** Whether the message reads as a description of one's own symptoms worth structuring. */
  public static boolean describesSymptoms(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    boolean symptom = !symptoms(m).isEmpty();
    boolean detail =
        DURATION.matcher(m).find()
            || SINCE.matcher(m).find()
            || NUMERIC_SEVERITY.matcher(m).find()
            || SEVERITY_WORD.matcher(m).find();
    boolean explicit = m.matches("(?s).*(symptom check|check my symptoms|triage|should i see a).*");
    return symptom && (detail || explicit);
  }

  public static Assessment assess(String message, List<RedFlag> flags) {
    String m = message.toLowerCase(Locale.ROOT);
    Optional<Double> days = durationDays(m);
    Optional<Integer> severity = severity(m);
    List<String> symptoms = symptoms(m);
    boolean emergency = flags.stream().anyMatch(RedFlag::emergency);
    boolean urgentFlag = !flags.isEmpty();
    boolean fever = symptoms.contains("fever");
    Triage t;
    String advice;
    if (emergency) {
      t = Triage.EMERGENCY;
      advice = "Emergency warning signs: call the emergency number now.";
    } else if (urgentFlag
        || severity.orElse(0) >= 8
        || (fever && days.orElse(0.0) >= 3)
        || HIGH_FEVER.matcher(m).find()) {
      t = Triage.URGENT;
      advice = "Get a same-day assessment (urgent care, GP same-day appointment or 111).";
    } else if (days.orElse(0.0) >= 21
        || severity.orElse(0) >= 4
        || symptoms.stream().filter(s -> !s.equals("pain")).count() >= 3) {
      t = Triage.ROUTINE;
      advice = "Book a routine appointment with your GP or the relevant specialist.";
    } else {
      t = Triage.SELF_CARE;
      advice =
          "Self-care and watchful waiting are reasonable; seek care if it gets worse, new "
              + "symptoms appear or it lasts more than a few days.";
    }
    return new Assessment(days, severity, symptoms, t, advice);
  }

  static List<String> symptoms(String m) {
    List<String> out = new ArrayList<>();
    for (List<String> names : SYMPTOMS) {
      for (String n : names) {
        if (Pattern.compile("(?<![\\p{L}])" + Pattern.quote(n) + "(?![\\p{L}])")
            .matcher(m)
            .find()) {
          out.add(names.get(0));
          break;
        }
      }
    }
    if (out.size() > 1) {
      out.remove("pain");
    }
    return out;
  }

  static Optional<Double> durationDays(String m) {
    Matcher d = DURATION.matcher(m);
    if (d.find()) {
      double n = number(d.group(1));
      String unit = d.group(2);
      double perUnit =
          unit.startsWith("min")
              ? 1.0 / 1440
              : unit.startsWith("h")
                  ? 1.0 / 24
                  : unit.startsWith("d")
                      ? 1
                      : unit.startsWith("w") ? 7 : unit.startsWith("mo") ? 30 : 365;
      return Optional.of(n * perUnit);
    }
    Matcher s = SINCE.matcher(m);
    if (s.find()) {
      return Optional.of(
          s.group().contains("yesterday") || s.group().contains("last night") ? 1.0 : 0.5);
    }
    return Optional.empty();
  }

  private static double number(String w) {
    return switch (w.strip()) {
      case "a", "an", "one" -> 1;
      case "two", "couple of", "a couple of" -> 2;
      case "three", "a few", "few" -> 3;
      case "four" -> 4;
      case "five", "several" -> 5;
      case "six" -> 6;
      case "seven" -> 7;
      case "ten" -> 10;
      default -> Double.parseDouble(w);
    };
  }

  static Optional<Integer> severity(String m) {
    Matcher n = NUMERIC_SEVERITY.matcher(m);
    if (n.find()) {
      return Optional.of(Integer.parseInt(n.group(1)));
    }
    Matcher w = SEVERITY_WORD.matcher(m);
    int best = -1;
    while (w.find()) {
      int v =
          switch (w.group(1)) {
            case "unbearable", "excruciating", "worst", "agonizing", "agonising" -> 10;
            case "severe", "terrible", "really bad", "very bad", "intense" -> 8;
            case "moderate" -> 5;
            default -> 3;
          };
      best = Math.max(best, v);
    }
    return best < 0 ? Optional.empty() : Optional.of(best);
  }
}
