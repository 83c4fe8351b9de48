package org.meditwin.soap;

import java.util.Objects;

/**
 * One structured field of a note template.
 *
 * @param key stable identifier (JSON key, database column), e.g. {@code audiogram}
 * @param section the SOAP section the field belongs to
 * @param label English label for the editor and the PDF
 * @param required listed by {@link SoapPipeline#missingFields} when the note leaves it empty
 */
public record TemplateField(String key, Section section, String label, boolean required) {
  public TemplateField {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(label, "label");
  }
}
