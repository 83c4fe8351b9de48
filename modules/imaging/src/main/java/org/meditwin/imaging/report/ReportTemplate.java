package org.meditwin.imaging.report;

import java.util.Locale;

/** Modality-specific report templates; chosen from the study's modality (and body part). */
public enum ReportTemplate {
  CHEST_RADIOGRAPH("Chest radiograph", "The lungs, pleura, heart and mediastinum were reviewed."),
  CT("CT examination", "The acquired axial images were reviewed."),
  MR("MR examination", "The acquired sequences were reviewed."),
  US("Ultrasound examination", "Real-time and stored images were reviewed."),
  GENERIC("Imaging examination", "The stored images were reviewed.");

  private final String title;
  private final String reviewSentence;

  ReportTemplate(String title, String reviewSentence) {
    this.title = title;
    this.reviewSentence = reviewSentence;
  }

  /** The report title ("Chest radiograph"). */
  public String title() {
    return title;
  }

  /** The template's opening sentence of the findings section. */
  public String reviewSentence() {
    return reviewSentence;
  }

  /**
   * The template for a modality ("CR", "DX", "CT", "MR", "US", or a joined list such as "CT/SR")
   * and body part; CR/DX/RG images of the chest get the chest radiograph template.
   */
  public static ReportTemplate forModality(String modality, String bodyPart) {
    String m = modality == null ? "" : modality.toUpperCase(Locale.ROOT);
    String b = bodyPart == null ? "" : bodyPart.toUpperCase(Locale.ROOT);
    for (String part : m.split("[/\\\\, ]+")) {
      switch (part) {
        case "CR", "DX", "RG":
          if (b.isEmpty() || b.contains("CHEST") || b.contains("THORAX") || b.contains("LUNG")) {
            return CHEST_RADIOGRAPH;
          }
          return GENERIC;
        case "CT":
          return CT;
        case "MR":
          return MR;
        case "US":
          return US;
        default:
          break;
      }
    }
    return GENERIC;
  }
}
