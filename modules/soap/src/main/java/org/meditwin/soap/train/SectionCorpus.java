package org.meditwin.soap.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meditwin.soap.Section;

/**
 * Sentences labelled Subjective / Objective / Assessment / Plan from three public corpora:
 * MTS-Dialog section summaries (section header → SOAP part), ACI-Bench reference notes (note
 * headings; inside "ASSESSMENT AND PLAN" the "Medical Reasoning" lines are assessment and the
 * treatment, testing, education and referral lines plan) and MTSamples reports with SOAP-style
 * headings. Each sentence remembers its document so splits never cut a document.
 */
public final class SectionCorpus {
  private SectionCorpus() {}

  /** One labelled sentence. */
  public record Example(String text, Section section, String source, String document) {}

  // --- MTS-Dialog -----------------------------------------------------------------------------

  static final Map<String, Section> MTS_DIALOG_HEADERS =
      Map.ofEntries(
          Map.entry("GENHX", Section.SUBJECTIVE),
          Map.entry("CC", Section.SUBJECTIVE),
          Map.entry("PASTMEDICALHX", Section.SUBJECTIVE),
          Map.entry("FAM/SOCHX", Section.SUBJECTIVE),
          Map.entry("PASTSURGICAL", Section.SUBJECTIVE),
          Map.entry("ALLERGY", Section.SUBJECTIVE),
          Map.entry("ROS", Section.SUBJECTIVE),
          Map.entry("MEDICATIONS", Section.SUBJECTIVE),
          Map.entry("GYNHX", Section.SUBJECTIVE),
          Map.entry("OTHER_HISTORY", Section.SUBJECTIVE),
          Map.entry("IMMUNIZATIONS", Section.SUBJECTIVE),
          Map.entry("EXAM", Section.OBJECTIVE),
          Map.entry("IMAGING", Section.OBJECTIVE),
          Map.entry("LABS", Section.OBJECTIVE),
          Map.entry("ASSESSMENT", Section.ASSESSMENT),
          Map.entry("DIAGNOSIS", Section.ASSESSMENT),
          Map.entry("PLAN", Section.PLAN),
          Map.entry("DISPOSITION", Section.PLAN));

  /** The SOAP part of an MTS-Dialog section header (EDCOURSE and PROCEDURES are mixed: none). */
  public static Optional<Section> mtsDialogSection(String header) {
    return Optional.ofNullable(MTS_DIALOG_HEADERS.get(header.strip().toUpperCase(Locale.ROOT)));
  }

  public static List<Example> mtsDialog(Path csv, String sourceName) throws IOException {
    List<Example> out = new ArrayList<>();
    for (Map<String, String> row : CsvReader.read(csv)) {
      Optional<Section> s = mtsDialogSection(row.getOrDefault("section_header", ""));
      if (s.isEmpty()) {
        continue;
      }
      String doc = sourceName + ":" + row.getOrDefault("ID", String.valueOf(out.size()));
      for (String sentence : sentences(row.getOrDefault("section_text", ""))) {
        out.add(new Example(sentence, s.get(), sourceName, doc));
      }
    }
    return out;
  }

  // --- ACI-Bench
  // ----------------------------------------------------------------------------------

  private static final Pattern ACI_HEADING = Pattern.compile("^[A-Z][A-Z /&,-]{2,60}$");
  private static final Pattern AP_PLAN_LINE =
      Pattern.compile(
          "(?i)^[•*-]?\\s*(?:medical treatment|additional testing|patient education|specialist referrals?|diagnostic|patient agreements?|follow[- ]?up|treatment|plan|counseling|referral|instructions|disposition|recommendations?)\\b.*");
  private static final Pattern AP_REASONING_LINE =
      Pattern.compile("(?i)^[•*-]?\\s*(?:medical reasoning|assessment|impression|diagnosis)\\b.*");

  static Optional<Section> aciHeading(String h) {
    String k = h.strip().toUpperCase(Locale.ROOT);
    if (k.contains("ASSESSMENT") && k.contains("PLAN")) {
      return Optional.empty(); // mixed: decided per line
    }
    if (k.startsWith("CHIEF COMPLAINT")
        || k.contains("HISTORY")
        || k.startsWith("REVIEW OF SYSTEMS")
        || k.contains("MEDICATIONS")
        || k.startsWith("ALLERGIES")
        || k.equals("HPI")
        || k.startsWith("CC")) {
      return Optional.of(Section.SUBJECTIVE);
    }
    if (k.contains("EXAM")
        || k.startsWith("VITALS")
        || k.startsWith("RESULTS")
        || k.startsWith("LABS")
        || k.startsWith("IMAGING")
        || k.startsWith("FINDINGS")) {
      return Optional.of(Section.OBJECTIVE);
    }
    if (k.startsWith("ASSESSMENT") || k.startsWith("IMPRESSION") || k.startsWith("DIAGNOS")) {
      return Optional.of(Section.ASSESSMENT);
    }
    if (k.startsWith("PLAN")
        || k.startsWith("INSTRUCTIONS")
        || k.startsWith("RECOMMENDATION")
        || k.startsWith("FOLLOW")
        || k.startsWith("DISPOSITION")) {
      return Optional.of(Section.PLAN);
    }
    return Optional.empty();
  }

  /** Labelled sentences of one ACI-Bench reference note. */
  public static List<Example> aciNote(String note, String source, String document) {
    List<Example> out = new ArrayList<>();
    Optional<Section> current = Optional.empty();
    boolean mixed = false;
    boolean firstParagraph = false;
    for (String raw : note.split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (ACI_HEADING.matcher(line).matches()) {
        current = aciHeading(line);
        mixed = line.contains("ASSESSMENT") && line.contains("PLAN");
        firstParagraph = mixed;
        continue;
      }
      Optional<Section> s = current;
      if (mixed) {
        if (firstParagraph) {
          firstParagraph = false;
          continue; // the one-line case summary repeats the history
        }
        if (AP_REASONING_LINE.matcher(line).matches()) {
          s = Optional.of(Section.ASSESSMENT);
        } else if (AP_PLAN_LINE.matcher(line).matches()) {
          s = Optional.of(Section.PLAN);
        } else if (line.split("\\s+").length <= 8 && !line.startsWith("•")) {
          s = Optional.of(Section.ASSESSMENT); // a problem heading: "Congestive heart failure."
        } else {
          s = Optional.empty();
        }
      }
      if (s.isEmpty()) {
        continue;
      }
      String body =
          line.replaceFirst("^[•*-]\\s*", "").replaceFirst("^[A-Z][A-Za-z /]{2,40}:\\s*", "");
      for (String sentence : sentences(body)) {
        out.add(new Example(sentence, s.get(), source, document));
      }
    }
    return out;
  }

  public static List<Example> aciBench(Path csv, String sourceName) throws IOException {
    List<Example> out = new ArrayList<>();
    for (Map<String, String> row : CsvReader.read(csv)) {
      String doc = sourceName + ":" + row.getOrDefault("encounter_id", String.valueOf(out.size()));
      out.addAll(aciNote(row.getOrDefault("note", ""), sourceName, doc));
    }
    return out;
  }

  // --- MTSamples
  // ------------------------------------------------------------------------------------

  private static final Pattern MTS_HEADING = Pattern.compile("([A-Z][A-Z /&-]{1,40}):,?");

  static final Map<String, Section> MTSAMPLES_HEADINGS =
      Map.ofEntries(
          Map.entry("SUBJECTIVE", Section.SUBJECTIVE),
          Map.entry("CHIEF COMPLAINT", Section.SUBJECTIVE),
          Map.entry("HISTORY OF PRESENT ILLNESS", Section.SUBJECTIVE),
          Map.entry("HISTORY", Section.SUBJECTIVE),
          Map.entry("REVIEW OF SYSTEMS", Section.SUBJECTIVE),
          Map.entry("SOCIAL HISTORY", Section.SUBJECTIVE),
          Map.entry("FAMILY HISTORY", Section.SUBJECTIVE),
          Map.entry("PAST MEDICAL HISTORY", Section.SUBJECTIVE),
          Map.entry("PAST SURGICAL HISTORY", Section.SUBJECTIVE),
          Map.entry("MEDICATIONS", Section.SUBJECTIVE),
          Map.entry("CURRENT MEDICATIONS", Section.SUBJECTIVE),
          Map.entry("ALLERGIES", Section.SUBJECTIVE),
          Map.entry("REASON FOR CONSULTATION", Section.SUBJECTIVE),
          Map.entry("OBJECTIVE", Section.OBJECTIVE),
          Map.entry("PHYSICAL EXAMINATION", Section.OBJECTIVE),
          Map.entry("EXAM", Section.OBJECTIVE),
          Map.entry("EXAMINATION", Section.OBJECTIVE),
          Map.entry("VITAL SIGNS", Section.OBJECTIVE),
          Map.entry("LABORATORY DATA", Section.OBJECTIVE),
          Map.entry("HEENT", Section.OBJECTIVE),
          Map.entry("NECK", Section.OBJECTIVE),
          Map.entry("LUNGS", Section.OBJECTIVE),
          Map.entry("HEART", Section.OBJECTIVE),
          Map.entry("ABDOMEN", Section.OBJECTIVE),
          Map.entry("EXTREMITIES", Section.OBJECTIVE),
          Map.entry("NEUROLOGIC", Section.OBJECTIVE),
          Map.entry("SKIN", Section.OBJECTIVE),
          Map.entry("CHEST", Section.OBJECTIVE),
          Map.entry("CARDIOVASCULAR", Section.OBJECTIVE),
          Map.entry("MUSCULOSKELETAL", Section.OBJECTIVE),
          Map.entry("RESPIRATORY", Section.OBJECTIVE),
          Map.entry("EARS", Section.OBJECTIVE),
          Map.entry("ASSESSMENT", Section.ASSESSMENT),
          Map.entry("IMPRESSION", Section.ASSESSMENT),
          Map.entry("DIAGNOSIS", Section.ASSESSMENT),
          Map.entry("DIAGNOSES", Section.ASSESSMENT),
          Map.entry("PLAN", Section.PLAN),
          Map.entry("RECOMMENDATIONS", Section.PLAN),
          Map.entry("RECOMMENDATION", Section.PLAN),
          Map.entry("DISPOSITION", Section.PLAN));

  /**
   * Labelled sentences of one MTSamples transcription (sections under unmapped headings skipped).
   */
  public static List<Example> mtsamplesReport(String text, String source, String document) {
    List<Example> out = new ArrayList<>();
    Matcher m = MTS_HEADING.matcher(text);
    List<int[]> heads = new ArrayList<>();
    List<Section> labels = new ArrayList<>();
    while (m.find()) {
      Section s = MTSAMPLES_HEADINGS.get(m.group(1).strip());
      heads.add(new int[] {m.start(), m.end()});
      labels.add(s);
    }
    for (int i = 0; i < heads.size(); i++) {
      if (labels.get(i) == null) {
        continue;
      }
      int end = i + 1 < heads.size() ? heads.get(i + 1)[0] : text.length();
      String body =
          text.substring(heads.get(i)[1], end)
              .replace(".,", ". ")
              .replace(",", ", ")
              .replaceAll("\\s+", " ");
      for (String sentence : sentences(body)) {
        out.add(new Example(sentence, labels.get(i), source, document));
      }
    }
    return out;
  }

  public static List<Example> mtsamples(Path csv, String sourceName) throws IOException {
    List<Example> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Map<String, String> row : CsvReader.read(csv)) {
      String text = row.getOrDefault("transcription", "");
      String hash = sha256(text.strip().replaceAll("\\s+", " "));
      if (!seen.add(hash)) {
        continue; // the same report filed under several specialties
      }
      out.addAll(mtsamplesReport(text, sourceName, sourceName + ":" + hash.substring(0, 16)));
    }
    return out;
  }

  // --- helpers
  // ------------------------------------------------------------------------------------

  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?])\\s+(?=[A-Z0-9(])|\\s+(?=\\d{1,2}\\.\\s+[A-Z])");

  /**
   * Sentences of a note text; pieces without 2 letters (list numbers, "None.") are kept if wordy.
   */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String s : SENTENCE_END.split(text.strip())) {
      String t = s.strip().replaceFirst("^[,;:.\\s]+", "").replaceFirst("^\\d{1,2}\\.\\s+", "");
      long letters = t.chars().filter(Character::isLetter).count();
      if (letters >= 3 && t.length() <= 600) {
        out.add(t);
      }
    }
    return out;
  }

  /** Deterministic split bucket 0..9 of a document id. */
  public static int bucket(String document) {
    return Byte.toUnsignedInt(sha256raw(document)[0]) % 10;
  }

  static String sha256(String s) {
    return HexFormat.of().formatHex(sha256raw(s));
  }

  private static byte[] sha256raw(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
