package org.meditwin.app.imaging.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.task.BackgroundTask;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.DicomObject;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.ai.ImageAnalysis;
import org.meditwin.imaging.ai.ImageModelDescriptor;
import org.meditwin.imaging.ai.ModelCatalog;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.Renderer;

/** The model chooser's logic with the shipped chest model and a real sample image. */
class ImageModelsViewModelTest {
  static final Path MODELS = Path.of("../models").toAbsolutePath().normalize();
  static final Path DATA =
      Path.of(System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../../shared/data"))
          .toAbsolutePath()
          .normalize();

  static ImageModelsViewModel model() {
    ImageModelsViewModel.Tasks tasks =
        new ImageModelsViewModel.Tasks() {
          @Override
          public <T> CompletableFuture<T> submit(String title, BackgroundTask<T> task) {
            try {
              return CompletableFuture.completedFuture(task.run(ProgressListener.NONE));
            } catch (Exception e) {
              return CompletableFuture.failedFuture(e);
            }
          }
        };
    return new ImageModelsViewModel(
        new I18n(Language.ENGLISH),
        MODELS,
        tasks,
        Clock.fixed(Instant.parse("2026-11-22T05:00:00Z"), ZoneOffset.UTC));
  }

  static DicomObject ct() {
    return DicomReader.standard()
        .open(
            DicomSource.file(
                DATA.resolve("dicom/debian-samples/octave-dicom/CT-MONO2-16-ankle.dcm")));
  }

  @Test
  void offersApplicableModelsAndFlagsTheRestWhenNoneApplies() {
    try (ImageModelsViewModel vm = model()) {
      vm.refresh().join();
      assertThat(vm.catalog().orElseThrow().find("chest-xray-pneumonia")).isPresent();
      DicomInfo ct = ct().info();
      vm.showFor(Optional.of(ct));
      // no model is trained on CT: the usable ones are offered, flagged
      assertThat(vm.choices()).isNotEmpty().allMatch(c -> !c.applicable());
      assertThat(vm.label(vm.choices().get(0))).contains("not trained for this image");
      assertThat(vm.selectedProperty().get()).isPresent();
      vm.showFor(Optional.empty());
      assertThat(vm.choices())
          .extracting(ImageModelsViewModel.Choice::name)
          .contains("chest-xray-pneumonia");
      assertThat(vm.choices()).allMatch(ImageModelsViewModel.Choice::applicable);
    }
  }

  @Test
  void runsTheChosenModelAndEncodesEveryOutputItSupports() {
    try (ImageModelsViewModel vm = model()) {
      vm.refresh().join();
      DicomObject o = ct();
      vm.showFor(Optional.of(o.info()));
      var image = o.info().image().orElseThrow();
      var frame = o.frame(0);
      ImageAnalysis a = vm.run(o.info(), image, frame);
      assertThat(a.model()).isEqualTo("chest-xray-pneumonia");
      assertThat(a.applicability().applicable()).isFalse();
      assertThat(ImageModelsViewModel.supports(a, ImageModelsViewModel.Output.PARAMETRIC_MAP))
          .isTrue();
      assertThat(ImageModelsViewModel.supports(a, ImageModelsViewModel.Output.SEGMENTATION))
          .isFalse();
      assertThat(ImageModelsViewModel.fileName(a, ImageModelsViewModel.Output.SECONDARY_CAPTURE))
          .isEqualTo("chest-xray-pneumonia-sc.dcm");
      var shown = Renderer.render(image, frame, 0, RenderOptions.defaults());
      DicomSource source =
          DicomSource.file(DATA.resolve("dicom/debian-samples/octave-dicom/CT-MONO2-16-ankle.dcm"));
      for (ImageModelsViewModel.Output out :
          List.of(
              ImageModelsViewModel.Output.SECONDARY_CAPTURE,
              ImageModelsViewModel.Output.PARAMETRIC_MAP)) {
        byte[] bytes =
            vm.encode(
                out,
                source,
                0,
                a,
                ImageAnalysis.overlay(shown, a, 0.5, org.meditwin.imaging.ai.ColorMap.JET));
        DicomInfo back =
            DicomReader.standard().readInfo(DicomSource.memory("t:" + out, "out", bytes));
        assertThat(back.studyInstanceUid()).isEqualTo(o.info().studyInstanceUid());
        assertThat(back.seriesInstanceUid()).isNotEqualTo(o.info().seriesInstanceUid());
      }
      assertThat(ModelCatalog.Status.READY.usable()).isTrue();
      assertThat(a.task()).isEqualTo(ImageModelDescriptor.Task.CLASSIFICATION);
    }
  }

  @Test
  void savesTheResultIntoThePatientsEncryptedImagingArchive(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    try (ImageModelsViewModel vm = model();
        org.meditwin.store.EmbeddedWorkstation ws =
            org.meditwin.store.EmbeddedWorkstation.open(
                dir.resolve("data"),
                org.meditwin.store.EmbeddedWorkstation.Options.fastKdfForTests(
                    Clock.systemUTC()))) {
      org.meditwin.core.service.UserSession session =
          ws.initialise("anna", "Dr Anna Reyes", "anna-password-1".toCharArray());
      try {
        String patientId =
            session
                .patients()
                .create(
                    new org.meditwin.core.service.PatientService.PatientInput(
                        "MRN-460",
                        "Ada",
                        "Lovelace",
                        Optional.of(java.time.LocalDate.of(1915, 12, 10)),
                        org.meditwin.core.domain.Sex.FEMALE,
                        "",
                        "",
                        "",
                        ""))
                .id()
                .value();
        vm.refresh().join();
        DicomObject o = ct();
        vm.showFor(Optional.of(o.info()));
        ImageAnalysis a = vm.run(o.info(), o.info().image().orElseThrow(), o.frame(0));
        DicomSource source =
            DicomSource.file(
                DATA.resolve("dicom/debian-samples/octave-dicom/CT-MONO2-16-ankle.dcm"));
        byte[] pmap = vm.encode(ImageModelsViewModel.Output.PARAMETRIC_MAP, source, 0, a, null);
        var result = vm.archive(session, patientId, a, pmap);
        assertThat(result.problems()).isEmpty();
        assertThat(result.importedCount()).isEqualTo(1);
        var archive =
            new org.meditwin.imaging.archive.ImagingArchive(
                session.clinicalStore(), DicomReader.standard());
        assertThat(archive.studies(patientId))
            .extracting(org.meditwin.imaging.archive.ArchivedStudy::studyInstanceUid)
            .containsExactly(o.info().studyInstanceUid());
        // the same object again is a duplicate, not a second copy
        assertThat(vm.archive(session, patientId, a, pmap).duplicates()).isEqualTo(1);
      } finally {
        session.close();
      }
    }
  }
}
