package org.meditwin.app.imaging.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.meditwin.app.imaging.ImagingViewModel;
import org.meditwin.app.imaging.Measurements;
import org.meditwin.app.imaging.Viewport;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.DicomAttribute;
import org.meditwin.imaging.FrameStore;
import org.meditwin.imaging.ai.ChestXrayModel;
import org.meditwin.imaging.render.PngWriter;
import org.meditwin.imaging.render.RenderedImage;
import org.meditwin.imaging.report.Measurement;
import org.meditwin.imaging.report.ModelFinding;
import org.meditwin.imaging.report.ReportTemplate;
import org.meditwin.imaging.report.StructuredFindings;
import org.meditwin.imaging.report.Technique;

/**
 * What the viewer knows about the study it shows, as the report needs it: the study, the technique
 * (from the DICOM attributes of its first image), the measurements of every viewport (distances in
 * mm, ROI statistics in modality units), the model outputs and the key image (the active viewport
 * as rendered, with the heat map when analysed). Holds PHI: memory only.
 */
public record StudyFacts(
    String studyInstanceUid,
    String studyDescription,
    String studyDate,
    ReportTemplate template,
    StructuredFindings findings,
    Optional<byte[]> keyImagePng,
    List<Catalog.Instance> instances) {

  public StudyFacts {
    instances = List.copyOf(instances);
  }

  /** What the viewer shows, read on the FX thread; turned into facts by {@link #build}. */
  public record Snapshot(
      Catalog.Study study,
      Catalog.Instance first,
      List<Measurement> measurements,
      List<ChestXrayModel.Analysis> analyses,
      Optional<RenderedImage> keyImage) {}

  /** The active viewport's study; empty when nothing is shown. FX thread. */
  public static Optional<Snapshot> snapshot(ImagingViewModel model) {
    Optional<Catalog.Series> series = model.activeViewport().seriesProperty().get();
    Optional<Catalog> catalog = model.catalog();
    if (series.isEmpty() || catalog.isEmpty()) {
      return Optional.empty();
    }
    Optional<Catalog.Study> study = studyOf(catalog.get(), series.get());
    if (study.isEmpty()) {
      return Optional.empty();
    }
    Catalog.Instance first =
        series.get().instances().stream()
            .filter(i -> i.info().hasPixelData())
            .findFirst()
            .orElse(series.get().instances().getFirst());
    List<Measurement> measurements = new ArrayList<>();
    List<ChestXrayModel.Analysis> analyses = new ArrayList<>();
    for (Viewport v : model.viewports()) {
      Optional<Catalog.Series> shown = v.seriesProperty().get();
      if (shown.isEmpty() || !study.get().series().contains(shown.get())) {
        continue;
      }
      // a render still under way shows the previous slice: only this series' image counts
      Optional<Viewport.Rendered> rendered =
          v.renderedProperty()
              .get()
              .filter(r -> shown.get().instances().contains(r.slice().instance()));
      for (Viewport.Measurement m : v.measurements()) {
        String label =
            (m.kind() == Viewport.Measurement.Kind.DISTANCE ? "distance " : "region ")
                + (measurements.size() + 1);
        rendered.flatMap(r -> measurement(m, r, label)).ifPresent(measurements::add);
      }
      v.analysisProperty().get().ifPresent(a -> analyses.add(a.analysis()));
    }
    Optional<RenderedImage> key =
        model
            .activeViewport()
            .renderedProperty()
            .get()
            .filter(r -> series.get().instances().contains(r.slice().instance()))
            .map(Viewport.Rendered::image);
    return Optional.of(new Snapshot(study.get(), first, measurements, analyses, key));
  }

  private static Optional<Catalog.Study> studyOf(Catalog catalog, Catalog.Series series) {
    for (Catalog.PatientGroup p : catalog.patients()) {
      for (Catalog.Study s : p.studies()) {
        if (s.series().contains(series)) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  /** A viewer measurement with its numbers (distances without Pixel Spacing are left out). */
  static Optional<Measurement> measurement(
      Viewport.Measurement m, Viewport.Rendered r, String label) {
    return switch (m.kind()) {
      case DISTANCE ->
          Measurements.distance(r.description(), m.x1(), m.y1(), m.x2(), m.y2())
              .map(mm -> new Measurement.Distance(label, mm));
      case ROI ->
          Measurements.roi(
                  r.description(),
                  r.frame(),
                  r.slice().instance().info().modality(),
                  m.x1(),
                  m.y1(),
                  m.x2(),
                  m.y2())
              .map(s -> new Measurement.Region(label, s.mean(), s.sd(), s.areaMm2(), s.unit()));
      default -> Optional.empty();
    };
  }

  /** Reads the technique and encodes the key image (background thread). */
  public static StudyFacts build(Snapshot s, FrameStore store) {
    List<DicomAttribute> attributes = store.object(s.first().source()).attributes();
    int images = 0;
    List<Catalog.Instance> instances = new ArrayList<>();
    for (Catalog.Series series : s.study().series()) {
      for (Catalog.Instance i : series.instances()) {
        images += i.info().frames();
        instances.add(i);
      }
    }
    Technique technique = Technique.from(attributes, images);
    boolean lateral = technique.views().toUpperCase(Locale.ROOT).matches("LL|RL|LAT.*|LLD|RLD");
    List<ModelFinding> findings = new ArrayList<>();
    for (ChestXrayModel.Analysis a : s.analyses()) {
      ModelFinding f = ModelFinding.from(a, true);
      findings.add(
          lateral
              ? new ModelFinding(
                  f.label(),
                  f.probability(),
                  f.modelName(),
                  f.modelVersion(),
                  f.applicable(),
                  f.applicabilityNote(),
                  Optional.empty())
              : f);
    }
    Optional<byte[]> png =
        s.keyImage()
            .map(
                img -> {
                  ByteArrayOutputStream out = new ByteArrayOutputStream();
                  try {
                    PngWriter.write(img, out);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                  return out.toByteArray();
                });
    return new StudyFacts(
        s.study().uid(),
        s.study().description(),
        s.study().date(),
        ReportTemplate.forModality(technique.modality(), technique.bodyPart()),
        new StructuredFindings(technique, s.measurements(), findings),
        png,
        instances);
  }
}
