package org.meditwin.chatlog;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meditwin.core.domain.Patient;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.nlp.ClinicalNlp;
import org.meditwin.nlp.pii.DeidPolicy;
import org.meditwin.nlp.pii.Operator;
import org.slf4j.LoggerFactory;

/**
 * Masks a case summary before it leaves the workstation (ADR 0107). Two layers: first every known
 * identifier of the linked patient (names, MRN, birth date in common spellings, phone, e-mail,
 * address parts) is replaced wherever it appears, then the clinical NLP de-identifier with the
 * strict policy (every date, age and year too) masks what remains, replacing each span by its type
 * ({@code <PERSON>}, {@code <DATE>}, ...). Thread-safe when the {@link ClinicalNlp} is.
 */
public final class SummaryMasker {
  private static final int MIN_IDENTIFIER = 3;

  private final ClinicalNlp nlp;

  public SummaryMasker(ClinicalNlp nlp) {
    this.nlp = Objects.requireNonNull(nlp, "nlp");
  }

  /**
   * The installed de-identification heads ({@code models/deid-names} with its encoder, extracted
   * under {@code encoderDir}) when they load, else the rules; the linked patient's own identifiers
   * are masked either way.
   */
  public static SummaryMasker load(Path modelsDir, Path encoderDir) {
    try {
      return new SummaryMasker(ClinicalNlp.load(ModelRegistry.open(modelsDir), encoderDir, 1));
    } catch (RuntimeException | LinkageError e) {
      LoggerFactory.getLogger(SummaryMasker.class)
          .warn(
              "de-identification models unavailable, masking with rules: {}",
              e.getClass().getSimpleName());
      return rulesOnly();
    }
  }

  /** The rules-and-lexicons de-identifier (no model files needed). */
  public static SummaryMasker rulesOnly() {
    return new SummaryMasker(ClinicalNlp.rulesOnly());
  }

  /** Masks {@code text}, knowing it may mention {@code patient}. */
  public String mask(String text, Optional<Patient> patient) {
    Objects.requireNonNull(text, "text");
    String known = text;
    if (patient.isPresent()) {
      for (String[] id : identifiers(patient.get())) {
        known = replaceAll(known, id[0], id[1]);
      }
    }
    return nlp.deidentify(known, DeidPolicy.strict(), Operator.TYPE, Optional.empty()).masked();
  }

  /** [value, replacement] pairs, longest values first so "Ann Lee" goes before "Ann". */
  static List<String[]> identifiers(Patient p) {
    Set<String> seen = new LinkedHashSet<>();
    List<String[]> out = new ArrayList<>();
    add(out, seen, p.givenName() + " " + p.familyName(), "<PERSON>");
    add(out, seen, p.familyName() + ", " + p.givenName(), "<PERSON>");
    add(out, seen, p.familyName() + " " + p.givenName(), "<PERSON>");
    for (String part : (p.givenName() + " " + p.familyName()).split("[\\s-]+")) {
      add(out, seen, part, "<PERSON>");
    }
    add(out, seen, p.mrn(), "<MEDICAL_RECORD_NUMBER>");
    add(out, seen, p.phone(), "<PHONE>");
    String digits = p.phone().replaceAll("\\D", "");
    if (digits.length() >= 7) {
      add(out, seen, digits, "<PHONE>");
      add(out, seen, digits.substring(digits.length() - 7), "<PHONE>");
    }
    add(out, seen, p.email(), "<EMAIL>");
    add(out, seen, p.address(), "<LOCATION>");
    for (String part : p.address().split(",")) {
      add(out, seen, part, "<LOCATION>");
    }
    p.birthDate().ifPresent(d -> dates(d).forEach(s -> add(out, seen, s, "<DATE>")));
    out.sort(Comparator.comparingInt((String[] a) -> a[0].length()).reversed());
    return out;
  }

  private static List<String> dates(LocalDate d) {
    List<String> out = new ArrayList<>();
    for (String pattern :
        new String[] {
          "yyyy-MM-dd",
          "MM/dd/yyyy",
          "dd/MM/yyyy",
          "M/d/yyyy",
          "d/M/yyyy",
          "dd.MM.yyyy",
          "d.M.yyyy",
          "MM-dd-yyyy",
          "dd-MM-yyyy",
          "d MMMM yyyy",
          "MMMM d, yyyy",
          "MMMM d yyyy",
          "d MMM yyyy",
          "MMM d, yyyy",
          "MMM d yyyy",
          "M/d/yy",
          "MM/dd/yy",
          "dd/MM/yy",
          "yyyyMMdd"
        }) {
      out.add(d.format(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)));
    }
    return out;
  }

  private static void add(List<String[]> out, Set<String> seen, String value, String type) {
    String v = value == null ? "" : value.strip().replaceAll("\\s+", " ");
    if (v.length() < MIN_IDENTIFIER || !seen.add(v.toLowerCase(Locale.ROOT))) {
      return;
    }
    out.add(new String[] {v, type});
  }

  /** Case-insensitive, whitespace-tolerant, on word boundaries for alphanumeric edges. */
  private static String replaceAll(String text, String value, String replacement) {
    StringBuilder regex = new StringBuilder();
    if (Character.isLetterOrDigit(value.charAt(0))) {
      regex.append("(?<![\\p{L}\\p{N}])");
    }
    String[] words = value.split(" ");
    for (int i = 0; i < words.length; i++) {
      if (i > 0) {
        regex.append("\\s+");
      }
      regex.append(Pattern.quote(words[i]));
    }
    if (Character.isLetterOrDigit(value.charAt(value.length() - 1))) {
      regex.append("(?![\\p{L}\\p{N}])");
    }
    Matcher m =
        Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
            .matcher(text);
    return m.replaceAll(Matcher.quoteReplacement(replacement));
  }
}
