package org.meditwin.app.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.task.BackgroundTask;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomScanner;
import org.meditwin.imaging.FrameStore;
import org.meditwin.imaging.ReadLimits;
import org.meditwin.imaging.Window;

/** The imaging pane's logic on real sample files, with same-thread executors. */
class ImagingViewModelTest {
  static final Path SAMPLES =
      Path.of(System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../../shared/data"))
          .resolve("dicom/pydicom-testfiles/src/pydicom/data/test_files")
          .toAbsolutePath()
          .normalize();

  @TempDir Path tmp;

  private static ImagingViewModel model() {
    DicomReader reader = DicomReader.standard();
    ImagingViewModel.Tasks tasks =
        new ImagingViewModel.Tasks() {
          @Override
          public <T> CompletableFuture<T> submit(String title, BackgroundTask<T> task) {
            try {
              return CompletableFuture.completedFuture(task.run(ProgressListener.NONE));
            } catch (Exception e) {
              return CompletableFuture.failedFuture(e);
            }
          }
        };
    return new ImagingViewModel(
        new I18n(Language.ENGLISH),
        new DicomScanner(reader, ReadLimits.standard()),
        new FrameStore(reader, 64L << 20),
        tasks,
        Runnable::run,
        Runnable::run,
        () -> {
          throw new IllegalStateException("no model in this test");
        });
  }

  private Path folder() throws Exception {
    Path dir = tmp.resolve("study");
    Files.createDirectories(dir);
    Files.copy(SAMPLES.resolve("CT_small.dcm"), dir.resolve("ct.dcm"));
    Files.copy(SAMPLES.resolve("MR_small.dcm"), dir.resolve("mr.dcm"));
    Files.copy(SAMPLES.resolve("MR_truncated.dcm"), dir.resolve("broken.dcm"));
    Files.writeString(dir.resolve("notes.txt"), "not a DICOM file at all, only text\n".repeat(8));
    return dir;
  }

  @Test
  void openingAFolderListsImageSeriesAndTheFilesItCannotShow() throws Exception {
    ImagingViewModel model = model();
    model.open(folder()).join();
    // MR_truncated shares its series with MR_small: two image series
    assertThat(model.series()).hasSize(2);
    assertThat(model.problems()).extracting(p -> p.name()).contains("notes.txt");
    assertThat(model.statusProperty().get()).contains("1 files could not be shown");
    assertThat(model.activeViewport().renderedProperty().get()).isPresent();
    assertThat(model.attributes()).anySatisfy(a -> assertThat(a.keyword()).isEqualTo("Modality"));
  }

  @Test
  void aBrokenFileShowsItsReasonAndTheNextSliceStillRenders() throws Exception {
    ImagingViewModel model = model();
    model.open(folder()).join();
    var mr =
        model.series().stream().filter(s -> s.modality().equals("MR")).findFirst().orElseThrow();
    model.showSeries(mr);
    Viewport v = model.activeViewport();
    assertThat(v.sliceCount()).isEqualTo(2);
    // broken.dcm sorts first (same instance number, name order)
    assertThat(v.errorProperty().get()).contains("broken.dcm").contains("truncated");
    assertThat(v.renderedProperty().get()).isEmpty();
    model.scroll(1);
    assertThat(v.errorProperty().get()).isEmpty();
    assertThat(v.renderedProperty().get()).isPresent();
  }

  @Test
  void windowPresetsDragAndInvertChangeTheRenderedImage() throws Exception {
    ImagingViewModel model = model();
    model.open(folder()).join();
    model.showSeries(
        model.series().stream().filter(s -> s.modality().equals("CT")).findFirst().orElseThrow());
    Viewport v = model.activeViewport();
    assertThat(model.presets()).extracting(Window::explanation).contains("Lung", "Bone", "min-max");
    model.applyWindow(model.presets().getFirst());
    assertThat(v.renderedProperty().get().orElseThrow().window().explanation()).isEqualTo("Brain");
    double width = v.renderedProperty().get().orElseThrow().window().width();
    model.dragWindow(50, 0);
    assertThat(v.renderedProperty().get().orElseThrow().window().width()).isGreaterThan(width);
    int before = v.renderedProperty().get().orElseThrow().image().rgb()[0];
    model.toggleInvert();
    assertThat(v.renderedProperty().get().orElseThrow().image().rgb()[0])
        .isEqualTo(~before & 0xFFFFFF);
  }

  @Test
  void distanceIsInMillimetresAndRoiStatisticsInHounsfieldUnits() throws Exception {
    ImagingViewModel model = model();
    model.open(folder()).join();
    model.showSeries(
        model.series().stream().filter(s -> s.modality().equals("CT")).findFirst().orElseThrow());
    // CT_small: pixel spacing 0.661468 mm
    var d = model.measureDistance(0, 0, 100, 0).orElseThrow();
    assertThat(d.label()).isEqualTo("66.1 mm");
    var roi = model.measureRoi(10, 10, 20, 20).orElseThrow();
    assertThat(roi.label()).startsWith("mean ").contains("HU").contains("SD").contains("mm²");
    assertThat(model.activeViewport().measurements()).hasSize(2);
  }

  @Test
  void scrollingStaysWithinTheSeriesAndLayoutsActivateViewports() throws Exception {
    ImagingViewModel model = model();
    model.open(Path.of(SAMPLES.toString(), "dicomdirtests", "DICOMDIR")).join();
    var longest =
        model.series().stream()
            .max(java.util.Comparator.comparingInt(s -> s.slices().size()))
            .orElseThrow();
    model.showSeries(longest);
    model.scroll(-5);
    assertThat(model.activeViewport().sliceProperty().get()).isZero();
    model.lastSlice();
    assertThat(model.activeViewport().sliceProperty().get()).isEqualTo(longest.slices().size() - 1);
    model.nextFrameLooping();
    assertThat(model.activeViewport().sliceProperty().get()).isZero();
    model.layoutProperty().set(ImagingViewModel.Layout.TWO_BY_TWO);
    model.activate(3);
    assertThat(model.activeViewport()).isSameAs(model.viewports().get(3));
    model.rotate();
    model.flipHorizontal();
    assertThat(model.viewports().get(3).rotationProperty().get()).isEqualTo(90);
    assertThat(model.viewports().get(0).rotationProperty().get()).isZero();
  }
}
