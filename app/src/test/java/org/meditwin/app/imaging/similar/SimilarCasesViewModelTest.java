package org.meditwin.app.imaging.similar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.VoiFunction;
import org.meditwin.imaging.ai.ChestXrayDataset;
import org.meditwin.imaging.ai.ChestXrayModel;
import org.meditwin.imaging.similar.ReferenceLibrary;
import org.meditwin.imaging.similar.SimilarCaseService;
import org.meditwin.search.cases.CaseHit;
import org.meditwin.search.cases.CaseIndex;
import org.meditwin.search.cases.CaseSource;

/** The "Find similar" view model on the real model and an encrypted case index in a temp dir. */
class SimilarCasesViewModelTest {
  static final Path MODELS = Path.of("../models").toAbsolutePath().normalize();
  @TempDir static Path tmp;
  private static SimilarCaseService service;
  private static List<ChestXrayDataset.Sample> val;
  private final I18n i18n = new I18n(Language.ENGLISH);

  @BeforeAll
  static void open() throws IOException {
    byte[] key = new byte[32];
    key[3] = 1;
    service =
        SimilarCaseService.of(
            ChestXrayModel.load(MODELS),
            CaseIndex.open(tmp.resolve("cases"), key, Optional.empty()));
    val = ReferenceLibrary.load("val");
  }

  @AfterAll
  static void close() {
    service.close();
  }

  private SimilarCasesViewModel vm() {
    return new SimilarCasesViewModel(() -> service, TaskExecutor.sameThread(), Runnable::run, i18n);
  }

  static ImageDescription image28() {
    return new ImageDescription(
        28,
        28,
        1,
        1,
        8,
        8,
        7,
        false,
        "MONOCHROME2",
        0,
        1,
        0,
        "",
        Optional.empty(),
        List.of(new org.meditwin.imaging.Window(128, 256, "")),
        List.of(),
        VoiFunction.LINEAR,
        Optional.empty(),
        List.of(),
        Optional.empty());
  }

  static DicomInfo info(String modality) {
    return new DicomInfo(
        "1.2.840.10008.1.2.1",
        "",
        "",
        "",
        "1.2.3",
        modality,
        "",
        "",
        "",
        "",
        "1.2",
        "",
        "",
        "",
        "",
        "1.2.3.4",
        1,
        "",
        1,
        "CHEST",
        "",
        Optional.empty(),
        Optional.empty(),
        0,
        Optional.of(image28()));
  }

  static SimilarCasesViewModel.Shown shown(String modality, ChestXrayDataset.Sample s) {
    float[] p = s.pixels();
    int[] v = new int[p.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.round(p[i]);
    }
    return new SimilarCasesViewModel.Shown(
        info(modality), image28(), new Frame(28, 28, 1, "MONOCHROME2", v), Optional.empty());
  }

  @Test
  void buildsTheLibraryWithProgressThenListsRankedLabelledCases() {
    SimilarCasesViewModel vm = vm();
    List<String> statuses = new ArrayList<>();
    vm.statusProperty().addListener((o, a, b) -> statuses.add(b));
    ChestXrayDataset.Sample pneumonia =
        val.stream().filter(s -> s.label() == 1).findFirst().orElseThrow();
    List<SimilarCasesViewModel.Row> rows =
        vm.findSimilar(Optional.of(shown("CR", pneumonia))).join();

    assertThat(rows).hasSize(SimilarCasesViewModel.K);
    assertThat(vm.rows()).containsExactlyElementsOf(rows);
    assertThat(rows.get(0).rank()).isEqualTo(1);
    assertThat(rows.get(0).similarityText()).endsWith("%");
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i).similarity()).isLessThanOrEqualTo(rows.get(i - 1).similarity());
    }
    assertThat(rows).allMatch(r -> r.source().equals("Reference library") && !r.ownStudy());
    assertThat(rows).allMatch(r -> r.thumbnailPng().length > 0);
    assertThat(rows.stream().filter(r -> r.label().equals("Pneumonia")).count())
        .isGreaterThanOrEqualTo(8);
    assertThat(vm.selectedProperty().get()).contains(rows.get(0));
    assertThat(vm.statusProperty().get())
        .isEqualTo("12 similar cases, most similar first. Decision support only.");
    assertThat(vm.busyProperty().get()).isFalse();
    assertThat(vm.messageProperty().get()).isEmpty();
    assertThat(statuses)
        .anyMatch(t -> t.startsWith("Building the reference case library") && t.endsWith("%"));
    assertThat(vm.citation()).contains("PneumoniaMNIST").contains("CC BY 4.0");

    // the library is built once: a second search reports no build
    statuses.clear();
    vm.findSimilar(Optional.of(shown("DX", val.get(3)))).join();
    assertThat(statuses).noneMatch(t -> t.startsWith("Building"));
  }

  @Test
  void nonChestImagesGetAClearMessageAndNoRows() {
    SimilarCasesViewModel vm = vm();
    List<SimilarCasesViewModel.Row> rows =
        vm.findSimilar(Optional.of(shown("CT", val.get(0)))).join();
    assertThat(rows).isEmpty();
    assertThat(vm.rows()).isEmpty();
    assertThat(vm.messageProperty().get())
        .startsWith("Similar cases are available for chest radiographs")
        .contains("this image is CT");
    assertThat(vm.busyProperty().get()).isFalse();
  }

  @Test
  void nothingShownAsksForAnImageWithoutOpeningTheService() {
    SimilarCasesViewModel vm =
        new SimilarCasesViewModel(
            () -> {
              throw new AssertionError("must not open");
            },
            TaskExecutor.sameThread(),
            Runnable::run,
            i18n);
    assertThat(vm.findSimilar(Optional.empty()).join()).isEmpty();
    assertThat(vm.messageProperty().get()).isEqualTo("Open an image first.");
  }

  @Test
  void aServiceThatCannotOpenIsReportedNotThrown() {
    SimilarCasesViewModel vm =
        new SimilarCasesViewModel(
            () -> {
              throw new IOException("model folder missing");
            },
            TaskExecutor.sameThread(),
            Runnable::run,
            i18n);
    assertThat(vm.findSimilar(Optional.of(shown("CR", val.get(0)))).join()).isEmpty();
    assertThat(vm.messageProperty().get())
        .isEqualTo("Similar cases could not be searched: model folder missing");
    assertThat(vm.busyProperty().get()).isFalse();
  }

  @Test
  void ownStudiesAreMarkedAndLabelsTranslated() {
    SimilarCasesViewModel vm =
        new SimilarCasesViewModel(
            () -> service, TaskExecutor.sameThread(), Runnable::run, new I18n(Language.SPANISH));
    CaseHit own =
        new CaseHit(
            "study:1.2.3",
            CaseSource.CLINIC,
            Optional.of("P1"),
            "DX",
            "CHEST",
            "pneumonia",
            "Right lower lobe consolidation.",
            Optional.of("1.2.3"),
            Optional.of(LocalDate.of(2026, 3, 2)),
            0.9,
            0.93,
            new byte[] {1});
    SimilarCasesViewModel.Row r = vm.rows(List.of(own)).get(0);
    assertThat(r.ownStudy()).isTrue();
    assertThat(r.source()).isEqualTo("Estudio de este paciente");
    assertThat(r.label()).isEqualTo("Neumonía");
    assertThat(r.similarityText()).isEqualTo("93.0 %");
    assertThat(r.date()).contains(LocalDate.of(2026, 3, 2));
  }
}
