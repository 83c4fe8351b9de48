package org.meditwin.imaging.output;

import java.time.Clock;
import java.time.ZonedDateTime;
import org.meditwin.imaging.ai.ImageAnalysis;

/**
 * How a derived object was made: the model, a Derivation Description and the creation time.
 *
 * @param seriesNumber Series Number of the new series (distinct from the source's)
 */
public record Derivation(
    String model, String version, String description, ZonedDateTime created, int seriesNumber) {

  /** Default series number of derived AI series (the 9xx range is left to derived objects). */
  public static final int SERIES_NUMBER = 901;

  /** The derivation of an analysis made now. */
  public static Derivation of(ImageAnalysis a, Clock clock) {
    String finding = a.top().map(s -> s.label()).orElse("");
    return new Derivation(
        a.model(),
        a.version(),
        "MediTwin AI model "
            + a.model()
            + " "
            + a.version()
            + (finding.isEmpty() ? "" : " (top: " + finding + ")")
            + "; decision support only, not for diagnosis",
        ZonedDateTime.now(clock),
        SERIES_NUMBER);
  }
}
