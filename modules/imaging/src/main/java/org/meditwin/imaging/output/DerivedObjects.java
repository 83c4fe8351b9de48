package org.meditwin.imaging.output;

import java.util.List;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.ai.ImageAnalysis;
import org.meditwin.imaging.ai.ImageModelDescriptor;
import org.meditwin.imaging.pixelmed.DerivedObjectWriter;
import org.meditwin.imaging.render.RenderedImage;

/**
 * AI results saved as DICOM in the source's study (ADR 0129): a Secondary Capture with the overlay
 * burned in, a Parametric Map of the heat map (float pixel data, Real World Value Mapping) and a
 * binary Segmentation (one segment per class). The bytes carry the source's patient and study
 * modules — PHI: store them in the patient's imaging archive or a file the user chose, never in a
 * temporary file or log.
 */
public final class DerivedObjects {
  private DerivedObjects() {}

  /**
   * The rendered image with the overlay burned in (RGB), referencing {@code frame} (0-based) of the
   * source.
   */
  public static byte[] secondaryCapture(
      DicomSource source, int frame, RenderedImage burnedIn, Derivation d) {
    return DerivedObjectWriter.secondaryCapture(
        source, frame, burnedIn.width(), burnedIn.height(), burnedIn.rgb(), provenance(d));
  }

  /**
   * The analysis' heat map (0..1 per pixel) as a Parametric Map.
   *
   * @throws IllegalArgumentException when the analysis has no heat map
   */
  public static byte[] parametricMap(
      DicomSource source, int frame, ImageAnalysis analysis, Derivation d) {
    float[] heat =
        analysis
            .heatmap()
            .orElseThrow(
                () ->
                    new IllegalArgumentException("model " + analysis.model() + " has no heat map"));
    String label = analysis.top().map(ImageAnalysis.LabelScore::label).orElse("finding");
    return DerivedObjectWriter.parametricMap(
        source,
        frame,
        analysis.width(),
        analysis.height(),
        heat,
        "Grad-CAM relevance for " + label + " (0..1, relative)",
        provenance(d));
  }

  /**
   * The analysis' label map as a binary Segmentation with one segment per class of the model.
   *
   * @throws IllegalArgumentException when the analysis is not a segmentation
   */
  public static byte[] segmentation(
      DicomSource source, int frame, ImageAnalysis analysis, Derivation d) {
    int[] labels =
        analysis
            .labelMap()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "model " + analysis.model() + " is not a segmentation model"));
    List<DerivedObjectWriter.Segment> segments =
        analysis.classes().stream()
            .filter(c -> c.index() > 0)
            .map(DerivedObjects::segment)
            .toList();
    return DerivedObjectWriter.segmentation(
        source, frame, analysis.width(), analysis.height(), labels, segments, provenance(d));
  }

  private static DerivedObjectWriter.Segment segment(ImageModelDescriptor.SegmentClass c) {
    return new DerivedObjectWriter.Segment(c.index(), c.label(), c.rgb());
  }

  /** The float values of a Parametric Map written by {@link #parametricMap} (or any other). */
  public static float[] parametricMapValues(DicomSource source) {
    return DerivedObjectWriter.floatPixels(source);
  }

  /** A new UID in the 2.25 (UUID) form. */
  public static String newUid() {
    return DerivedObjectWriter.newUid();
  }

  private static DerivedObjectWriter.Provenance provenance(Derivation d) {
    String version = DerivedObjects.class.getPackage().getImplementationVersion();
    return new DerivedObjectWriter.Provenance(
        d.description(),
        d.model(),
        d.version(),
        "MediTwin " + (version == null ? "development build" : version),
        d.created(),
        d.seriesNumber());
  }
}
