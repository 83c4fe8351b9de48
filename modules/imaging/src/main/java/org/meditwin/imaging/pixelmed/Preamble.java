package org.meditwin.imaging.pixelmed;

import java.io.IOException;
import java.io.InputStream;
import org.meditwin.imaging.DicomReadException;
import org.meditwin.imaging.DicomReadException.Reason;

/**
 * Refuses streams that are clearly not DICOM before PixelMed guesses at them: either "DICM" at
 * offset 128, or a data set that starts with a plausible group 0x0002..0x0008 element (files
 * written without a preamble).
 */
final class Preamble {
  private Preamble() {}

  static void check(InputStream in) throws IOException {
    if (!in.markSupported()) {
      return;
    }
    in.mark(140);
    byte[] head = in.readNBytes(132);
    in.reset();
    if (head.length == 0) {
      throw new DicomReadException(Reason.TRUNCATED, "the file is empty");
    }
    if (head.length == 132
        && head[128] == 'D'
        && head[129] == 'I'
        && head[130] == 'C'
        && head[131] == 'M') {
      return;
    }
    if (head.length < 8) {
      throw new DicomReadException(Reason.TRUNCATED, "the file is too short to be DICOM");
    }
    int groupLe = (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
    int groupBe = (head[1] & 0xFF) | (head[0] & 0xFF) << 8;
    if (plausible(groupLe) || plausible(groupBe)) {
      return;
    }
    throw new DicomReadException(
        Reason.NOT_DICOM, "no DICOM preamble ('DICM' at byte 128) and no recognisable data set");
  }

  private static boolean plausible(int group) {
    return group == 0x0002 || group == 0x0008 || group == 0x0000 || group == 0x0004;
  }
}
