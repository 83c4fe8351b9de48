package org.meditwin.imaging;

import java.nio.file.Path;
import java.util.List;
import org.meditwin.imaging.pixelmed.PixelMedAnonymizer;

/**
 * Exports objects de-identified per the DICOM PS3.15 Basic Application Level Confidentiality
 * Profile.
 */
public interface Anonymizer {
  /**
   * Writes de-identified copies of {@code sources} into {@code folder} (IM00001.dcm …); UIDs are
   * replaced consistently within one call, patient name and id become {@code replacementName}.
   */
  List<Path> export(List<DicomSource> sources, Path folder, String replacementName);

  static Anonymizer basicProfile() {
    return new PixelMedAnonymizer();
  }
}
