package org.meditwin.chat;

import java.util.Objects;
import java.util.Optional;

/**
 * A source an answer cites as {@code [n]} (n = position in {@link ChatAnswer#citations()} + 1).
 *
 * @param id knowledge-base chunk id or patient record id (e.g. {@code note:…}); opens the passage
 * @param title passage title (knowledge-base question or record title)
 * @param source publisher (e.g. MedlinePlus) or record kind
 * @param url public address of a knowledge-base source
 * @param kind {@link #KB} or {@link #PATIENT}
 */
public record Citation(String id, String title, String source, Optional<String> url, String kind) {
  public static final String KB = "kb";
  public static final String PATIENT = "patient";

  public Citation {
    Objects.requireNonNull(id, "id");
    title = title == null ? "" : title;
    source = source == null ? "" : source;
    url = url == null ? Optional.empty() : url.filter(u -> !u.isBlank());
    if (!KB.equals(kind) && !PATIENT.equals(kind)) {
      throw new IllegalArgumentException("citation kind must be kb or patient: " + kind);
    }
  }
}
