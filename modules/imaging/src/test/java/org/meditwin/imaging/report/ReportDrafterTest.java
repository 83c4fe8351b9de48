package org.meditwin.imaging.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.meditwin.imaging.DicomObject;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.Samples;
import org.meditwin.imaging.report.ReportCheck.Verdict;
import org.meditwin.inference.generate.Generation;
import org.meditwin.inference.generate.GenerationRequest;
import org.meditwin.inference.generate.GenerativeProvider;
import org.meditwin.inference.generate.TokenSink;

/** Template prose, generative drafting with a scripted provider, and sentence validation. */
class ReportDrafterTest {
  static final Technique CHEST =
      new Technique(
          "DX", "CHEST", "PA", Optional.of(125.0), Optional.of(2.5), Optional.empty(), "", 1);
  static final ModelFinding PNEUMONIA_RIGHT =
      new ModelFinding(
          "pneumonia", 0.87, "chest-xray-pneumonia", "1.0", true, "", Optional.of("right"));
  static final Measurement NODULE = new Measurement.Distance("right upper lobe nodule", 12.34);
  static final StructuredFindings FACTS =
      new StructuredFindings(CHEST, List.of(NODULE), List.of(PNEUMONIA_RIGHT));

  /** A provider that answers with a fixed text and records what it was asked. */
  static class ScriptedProvider implements GenerativeProvider {
    final String answer;
    final List<GenerationRequest> requests = new ArrayList<>();

    ScriptedProvider(String answer) {
      this.answer = answer;
    }

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public boolean available() {
      return true;
    }

    @Override
    public Generation generate(GenerationRequest request, TokenSink sink) {
      requests.add(request);
      sink.token(answer);
      return new Generation(answer, "scripted", List.of(), false);
    }
  }

  private static List<ReportCheck> flagged(ReportDraft d) {
    return d.checks().stream().filter(ReportCheck::flagged).toList();
  }

  @Test
  void templateDraftStatesEveryFindingAndPassesItsOwnValidation() {
    ReportDraft d =
        ReportDrafter.draft(
            ReportTemplate.CHEST_RADIOGRAPH, FACTS, Optional.empty(), t -> {}, () -> false);
    assertThat(d.engine()).isEqualTo("template");
    assertThat(d.notice()).contains(ReportDrafter.NO_PROVIDER);
    assertThat(d.content().technique())
        .contains("Digital radiography of the chest, PA projection")
        .contains("125 kVp")
        .contains("2.5 mAs");
    assertThat(d.content().findings()).contains("12.3 mm").contains("87 %").contains("right");
    assertThat(d.content().impression()).contains("pneumonia, right");
    assertThat(flagged(d)).isEmpty();
  }

  @Test
  void zeroAcquisitionValuesAreTreatedAsUnknown() {
    Technique t =
        Technique.from(
            Map.of("Modality", "CR", "KVP", "0", "Exposure", "0", "ViewPosition", "LL"), 1);
    assertThat(t.kvp()).isEmpty();
    assertThat(t.exposureMas()).isEmpty();
    assertThat(t.prose(ReportTemplate.GENERIC))
        .isEqualTo("Computed radiography, LL projection. 1 image.");
  }

  @Test
  void templateForEachModality() {
    assertThat(ReportTemplate.forModality("CR", "CHEST"))
        .isEqualTo(ReportTemplate.CHEST_RADIOGRAPH);
    assertThat(ReportTemplate.forModality("DX", "")).isEqualTo(ReportTemplate.CHEST_RADIOGRAPH);
    assertThat(ReportTemplate.forModality("DX", "HAND")).isEqualTo(ReportTemplate.GENERIC);
    assertThat(ReportTemplate.forModality("CT/SR", "")).isEqualTo(ReportTemplate.CT);
    assertThat(ReportTemplate.forModality("MR", "BRAIN")).isEqualTo(ReportTemplate.MR);
    assertThat(ReportTemplate.forModality("US", "")).isEqualTo(ReportTemplate.US);
    assertThat(ReportTemplate.forModality("NM", "")).isEqualTo(ReportTemplate.GENERIC);
  }

  @Test
  void techniqueComesFromTheDicomAttributes() {
    DicomObject ct =
        DicomReader.standard()
            .open(
                DicomSource.file(
                    Samples.named("pydicom-testfiles/src/pydicom/data/test_files/CT_small.dcm")));
    Technique t = Technique.from(ct.attributes(), 1);
    assertThat(t.modality()).isEqualTo("CT");
    assertThat(t.kvp()).contains(120.0);
    assertThat(t.exposureMas()).contains(170.0);
    assertThat(t.sliceThicknessMm()).contains(5.0);
    assertThat(t.contrastAgent()).isEqualTo("ISOVUE300/100");
    ReportContent c = ReportDrafter.templateDraft(ReportTemplate.CT, StructuredFindings.of(t));
    assertThat(c.technique())
        .isEqualTo(
            "CT examination. Acquisition: 120 kVp, 170 mAs, slice thickness 5 mm. Contrast agent:"
                + " ISOVUE300/100. 1 image.");
    assertThat(ReportValidator.validate(c, StructuredFindings.of(t)))
        .noneMatch(ReportCheck::flagged);
  }

  @Test
  void generatedSentencesWithWrongSideWrongNumberOrUnmodelledFindingAreFlagged() {
    ScriptedProvider provider =
        new ScriptedProvider(
            """
            **TECHNIQUE:**
            PA chest radiograph at 125 kVp.
            FINDINGS:
            Airspace opacity in the left lower zone consistent with pneumonia.
            A nodule in the right upper lobe measures 15 mm.
            There is a small pneumothorax.
            IMPRESSION:
            No pneumonia.
            """);
    ReportDraft d =
        ReportDrafter.draft(
            ReportTemplate.CHEST_RADIOGRAPH, FACTS, Optional.of(provider), t -> {}, () -> false);
    assertThat(d.engine()).isEqualTo("generative (scripted)");
    assertThat(d.notice()).isEmpty();
    assertThat(provider.requests.getFirst().question())
        .contains("12.3 mm")
        .contains("87 %")
        .doesNotContain("Quillfeather");

    Map<String, ReportCheck> bySentence = new java.util.HashMap<>();
    d.checks().forEach(c -> bySentence.put(c.sentence(), c));
    assertThat(bySentence.get("PA chest radiograph at 125 kVp.").verdict())
        .isEqualTo(Verdict.SUPPORTED);
    // opacity is not a model output → unsupported before the side is even considered
    assertThat(
            bySentence
                .get("Airspace opacity in the left lower zone consistent with pneumonia.")
                .verdict())
        .isIn(Verdict.UNSUPPORTED, Verdict.CONTRADICTED);
    ReportCheck number = bySentence.get("A nodule in the right upper lobe measures 15 mm.");
    assertThat(number.verdict()).isEqualTo(Verdict.UNSUPPORTED);
    assertThat(number.reason()).contains("15 mm");
    ReportCheck pneumothorax = bySentence.get("There is a small pneumothorax.");
    assertThat(pneumothorax.verdict()).isEqualTo(Verdict.UNSUPPORTED);
    assertThat(pneumothorax.reason()).contains("pneumothorax");
    ReportCheck denial = bySentence.get("No pneumonia.");
    assertThat(denial.verdict()).isEqualTo(Verdict.CONTRADICTED);
    assertThat(denial.reason()).contains("87 %");
  }

  @Test
  void wrongSideAloneIsAContradiction() {
    ReportContent c =
        new ReportContent(
            ReportTemplate.CHEST_RADIOGRAPH,
            "",
            "Left-sided pneumonia (model probability 87 %). The right upper lobe nodule measures"
                + " 12.3 mm.",
            "");
    List<ReportCheck> checks = ReportValidator.validate(c, FACTS);
    assertThat(checks.get(0).verdict()).isEqualTo(Verdict.CONTRADICTED);
    assertThat(checks.get(0).reason()).contains("on the right");
    assertThat(checks.get(1).verdict()).isEqualTo(Verdict.SUPPORTED);
  }

  @Test
  void missingFindingsAreReported() {
    ReportContent c =
        new ReportContent(ReportTemplate.CHEST_RADIOGRAPH, "", "The lungs are reviewed.", "");
    List<ReportCheck> missing =
        ReportValidator.validate(c, FACTS).stream()
            .filter(x -> x.verdict() == Verdict.MISSING)
            .toList();
    assertThat(missing).hasSize(2);
    assertThat(missing.get(0).reason()).contains("pneumonia");
    assertThat(missing.get(1).reason()).contains("nodule");
  }

  @Test
  void negativeModelOutputAssertedAsPresentIsAContradiction() {
    ModelFinding negative =
        new ModelFinding(
            "pneumonia", 0.12, "chest-xray-pneumonia", "1.0", true, "", Optional.empty());
    StructuredFindings f = new StructuredFindings(CHEST, List.of(), List.of(negative));
    List<ReportCheck> checks =
        ReportValidator.validate(
            new ReportContent(
                ReportTemplate.CHEST_RADIOGRAPH,
                "",
                "Findings of pneumonia. The model gives pneumonia a probability of 12 %.",
                "The model does not support pneumonia."),
            f);
    assertThat(checks.get(0).verdict()).isEqualTo(Verdict.CONTRADICTED);
    assertThat(checks.get(1).verdict()).isEqualTo(Verdict.SUPPORTED);
    assertThat(checks.get(2).verdict()).isEqualTo(Verdict.SUPPORTED);
  }

  @Test
  void aProviderThatFailsOrIsUnavailableLeavesTheTemplateProse() {
    GenerativeProvider failing =
        new ScriptedProvider("") {
          @Override
          public Generation generate(GenerationRequest request, TokenSink sink) {
            throw new IllegalStateException("server down");
          }
        };
    ReportDraft d =
        ReportDrafter.draft(
            ReportTemplate.CHEST_RADIOGRAPH, FACTS, Optional.of(failing), t -> {}, () -> false);
    assertThat(d.engine()).isEqualTo("template");
    assertThat(d.notice().orElseThrow()).contains("failed");
    assertThat(d.content())
        .isEqualTo(ReportDrafter.templateDraft(ReportTemplate.CHEST_RADIOGRAPH, FACTS));
  }

  @Test
  void regionStatisticsAndHeatmapSide() {
    Measurement roi = new Measurement.Region("liver", 54.25, 8.1, Optional.of(310.0), "HU");
    assertThat(roi.prose()).isEqualTo("Liver has a mean of 54.3 HU (SD 8.1 HU) over 310.0 mm².");
    float[] map = new float[4 * 2];
    map[0] = 1; // image left column, top row
    map[4] = 1;
    assertThat(HeatmapSide.of(map, 4, 2, true)).contains("right");
    assertThat(HeatmapSide.of(map, 4, 2, false)).contains("left");
    assertThat(HeatmapSide.of(new float[8], 4, 2, true)).isEmpty();
  }
}
