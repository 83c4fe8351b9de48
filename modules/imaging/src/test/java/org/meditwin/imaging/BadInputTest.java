package org.meditwin.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.imaging.DicomReadException.Reason;

/** Broken files are refused with a reason and a clear message, never an unexpected exception. */
class BadInputTest {
  static final String CT = "pydicom-testfiles/src/pydicom/data/test_files/CT_small.dcm";
  private final DicomReader reader = DicomReader.standard();

  @TempDir Path tmp;

  private Path write(String name, byte[] bytes) throws Exception {
    Path p = tmp.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private static byte[] ct() throws Exception {
    return Files.readAllBytes(Samples.named(CT));
  }

  private DicomReadException failure(Path p) {
    return catchThrowableOfType(
        DicomReadException.class,
        () -> {
          DicomObject o = reader.open(DicomSource.file(p));
          o.frame(0);
        });
  }

  @Test
  void truncatedFileIsReportedAsTruncated() throws Exception {
    byte[] b = ct();
    DicomReadException e = failure(write("cut.dcm", Arrays.copyOf(b, b.length - 5000)));
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.getMessage()).contains("ends");
  }

  @Test
  void fileCutInsideTheHeaderIsTruncated() throws Exception {
    DicomReadException e = failure(write("head.dcm", Arrays.copyOf(ct(), 700)));
    assertThat(e).isNotNull();
    assertThat(e.reason()).isIn(Reason.TRUNCATED, Reason.CORRUPT, Reason.NO_PIXEL_DATA);
  }

  @Test
  void textFileIsNotDicom() throws Exception {
    Path p =
        write(
            "notes.txt",
            "Dear colleague, the scan looks fine.\n".repeat(20).getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> reader.readInfo(DicomSource.file(p)))
        .isInstanceOfSatisfying(
            DicomReadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_DICOM));
  }

  @Test
  void wrongPreambleIsRefused() throws Exception {
    byte[] b = ct();
    byte[] wrong = b.clone();
    for (int i = 0; i < 132; i++) {
      wrong[i] = (byte) ('A' + i % 26);
    }
    DicomReadException e = failure(write("preamble.dcm", wrong));
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.NOT_DICOM);
  }

  @Test
  void emptyFileIsTruncated() throws Exception {
    DicomReadException e = failure(write("empty.dcm", new byte[0]));
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
  }

  @Test
  void missingPixelDataIsReported() throws Exception {
    byte[] b = ct();
    int at = indexOf(b, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00});
    DicomReadException e = failure(write("nopixels.dcm", Arrays.copyOf(b, at)));
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.NO_PIXEL_DATA);
    assertThat(e.getMessage()).contains("no Pixel Data");
  }

  @Test
  void unknownTransferSyntaxIsReported() throws Exception {
    byte[] b = ct();
    byte[] uid = "1.2.840.10008.1.2.1".getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(b, uid);
    assertThat(at).isPositive();
    byte[] changed = b.clone();
    byte[] bogus = "1.2.840.99999.9.9.9".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bogus, 0, changed, at, bogus.length);
    DicomReadException e = failure(write("ts.dcm", changed));
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_TRANSFER_SYNTAX);
    assertThat(e.getMessage()).contains("1.2.840.99999.9.9.9");
  }

  @Test
  void absurdDimensionsAreRefusedBeforeDecoding() throws Exception {
    byte[] b = ct();
    byte[] changed = b.clone();
    // (0028,0010) Rows and (0028,0011) Columns, explicit VR LE: tag, "US", length 2, value
    for (int element : new int[] {0x10, 0x11}) {
      int at = indexOf(changed, new byte[] {0x28, 0x00, (byte) element, 0x00, 'U', 'S', 2, 0});
      assertThat(at).isPositive();
      changed[at + 8] = (byte) 0xFF;
      changed[at + 9] = (byte) 0xFF;
    }
    DicomReadException e = failure(write("huge.dcm", changed));
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(e.getMessage()).contains("65535 x 65535");
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
