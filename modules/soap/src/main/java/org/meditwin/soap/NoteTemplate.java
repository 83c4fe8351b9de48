package org.meditwin.soap;

import static org.meditwin.soap.Section.ASSESSMENT;
import static org.meditwin.soap.Section.OBJECTIVE;
import static org.meditwin.soap.Section.PLAN;
import static org.meditwin.soap.Section.SUBJECTIVE;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Note templates: the structured fields a draft fills in where the transcript states them. */
public enum NoteTemplate {
  /** Any visit: chief complaint, history, medications, allergies, examination, assessment, plan. */
  GENERAL(
      List.of(
          new TemplateField("chiefComplaint", SUBJECTIVE, "Chief complaint", true),
          new TemplateField("history", SUBJECTIVE, "History of present illness", true),
          new TemplateField("medications", SUBJECTIVE, "Medications", false),
          new TemplateField("allergies", SUBJECTIVE, "Allergies", false),
          new TemplateField("examination", OBJECTIVE, "Examination", true),
          new TemplateField("assessment", ASSESSMENT, "Assessment", true),
          new TemplateField("plan", PLAN, "Plan", true),
          new TemplateField("followUp", PLAN, "Follow-up", false))),
  /** Hearing care (audiology / ENT): history, otoscopy, audiogram, tympanometry, speech tests. */
  HEARING(
      List.of(
          new TemplateField("chiefComplaint", SUBJECTIVE, "Chief complaint", true),
          new TemplateField("onset", SUBJECTIVE, "Onset", true),
          new TemplateField("laterality", SUBJECTIVE, "Laterality", true),
          new TemplateField("tinnitus", SUBJECTIVE, "Tinnitus", true),
          new TemplateField("vertigo", SUBJECTIVE, "Vertigo", true),
          new TemplateField("noiseExposure", SUBJECTIVE, "Noise exposure", true),
          new TemplateField("otoscopy", OBJECTIVE, "Otoscopy", true),
          new TemplateField("audiogram", OBJECTIVE, "Audiogram", true),
          new TemplateField("tympanometry", OBJECTIVE, "Tympanometry", false),
          new TemplateField("speech", OBJECTIVE, "Speech testing (SRT/WRS)", false),
          new TemplateField("hearingLossType", ASSESSMENT, "Type of hearing loss", true),
          new TemplateField("hearingLossDegree", ASSESSMENT, "Degree of hearing loss", true),
          new TemplateField("hearingAids", PLAN, "Hearing aids", false),
          new TemplateField("referral", PLAN, "Referral", false),
          new TemplateField("followUp", PLAN, "Follow-up", true)));

  private final List<TemplateField> fields;

  NoteTemplate(List<TemplateField> fields) {
    this.fields = List.copyOf(fields);
  }

  /** The template's fields in display order. */
  public List<TemplateField> fields() {
    return fields;
  }

  /** The field with {@code key}, if this template has it. */
  public Optional<TemplateField> field(String key) {
    return fields.stream().filter(f -> f.key().equals(key)).findFirst();
  }

  /** Lower-case name as used on the CLI ({@code general}, {@code hearing}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code general} / {@code hearing} (case-insensitive). */
  public static NoteTemplate parse(String name) {
    for (NoteTemplate t : values()) {
      if (t.key().equalsIgnoreCase(name.strip())) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown note template '" + name + "': use general or hearing");
  }
}
