package org.meditwin.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.task.ProgressListener;

class DicomScannerTest {
  static final String DICOMDIR_TESTS =
      "pydicom-testfiles/src/pydicom/data/test_files/dicomdirtests";
  private final DicomScanner scanner = DicomScanner.standard();

  @TempDir Path tmp;

  private Catalog scan(Path p) {
    return scanner.scan(p, ProgressListener.NONE, new AtomicBoolean());
  }

  @Test
  void dicomdirIsSortedIntoPatientsStudiesAndSeries() {
    Catalog catalog = scan(Samples.named(DICOMDIR_TESTS + "/DICOMDIR"));
    assertThat(catalog.patients()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(catalog.allSeries()).allSatisfy(s -> assertThat(s.instances()).isNotEmpty());
    assertThat(catalog.instanceCount()).isGreaterThan(20);
  }

  @Test
  void folderScanReportsNonDicomFilesAndKeepsTheRest() throws Exception {
    Files.copy(
        Samples.named("pydicom-testfiles/src/pydicom/data/test_files/CT_small.dcm"),
        tmp.resolve("ct.dcm"));
    Files.writeString(
        tmp.resolve("readme.txt"), "not an image, just notes about the study\n".repeat(10));
    Catalog catalog = scan(tmp);
    assertThat(catalog.instanceCount()).isEqualTo(1);
    assertThat(catalog.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.name()).isEqualTo("readme.txt");
              assertThat(p.reason()).isEqualTo(DicomReadException.Reason.NOT_DICOM);
            });
  }

  @Test
  void seriesSlicesAreOrderedAlongTheNormal() {
    Catalog catalog = scan(Samples.named(DICOMDIR_TESTS + "/77654033"));
    for (Catalog.Series s : catalog.allSeries()) {
      var positions =
          s.instances().stream()
              .map(i -> i.info().slicePosition())
              .flatMap(java.util.Optional::stream)
              .toList();
      if (positions.size() == s.instances().size()) {
        assertThat(positions).isSorted();
      }
    }
  }

  @Test
  void zipArchiveEntriesAreReadWithoutExtraction() throws Exception {
    Path zip = tmp.resolve("study.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("study/ct.dcm"));
      out.write(
          Files.readAllBytes(
              Samples.named("pydicom-testfiles/src/pydicom/data/test_files/CT_small.dcm")));
      out.closeEntry();
      out.putNextEntry(new ZipEntry("study/mr.dcm"));
      out.write(
          Files.readAllBytes(
              Samples.named("pydicom-testfiles/src/pydicom/data/test_files/MR_small.dcm")));
      out.closeEntry();
    }
    Catalog catalog = scan(zip);
    assertThat(catalog.instanceCount()).isEqualTo(2);
    Catalog.Instance ct = catalog.allSeries().getFirst().instances().getFirst();
    assertThat(ct.source()).isInstanceOf(DicomSource.ZipEntrySource.class);
    FrameStore store = new FrameStore(DicomReader.standard(), 64L << 20);
    assertThat(store.frame(ct.source(), 0).width()).isEqualTo(ct.info().columns());
    try (var files = Files.list(tmp)) {
      assertThat(files).containsExactly(zip);
    }
  }

  @Test
  void zipSlipEntriesAreRefused() throws Exception {
    Path zip = tmp.resolve("evil.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("../../etc/evil.dcm"));
      out.write(new byte[] {1, 2, 3});
      out.closeEntry();
    }
    assertThatThrownBy(() -> scan(zip))
        .isInstanceOfSatisfying(
            DicomReadException.class,
            e -> assertThat(e.reason()).isEqualTo(DicomReadException.Reason.UNSAFE_ARCHIVE));
  }

  @Test
  void zipBombLimitsAreEnforced() throws Exception {
    Path zip = tmp.resolve("bomb.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (int i = 0; i < 5; i++) {
        out.putNextEntry(new ZipEntry("f" + i + ".dcm"));
        OutputStream o = out;
        o.write(new byte[1 << 20]);
        out.closeEntry();
      }
    }
    DicomScanner strict =
        new DicomScanner(
            DicomReader.standard(), new ReadLimits(1L << 30, 1L << 30, 1000, 3L << 20));
    assertThatThrownBy(() -> strict.scan(zip, ProgressListener.NONE, new AtomicBoolean()))
        .isInstanceOfSatisfying(
            DicomReadException.class,
            e -> assertThat(e.getMessage()).contains("expands to more than"));
  }
}
