package org.meditwin.imaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.meditwin.imaging.pixelmed.DicomDirectoryRecords;

/**
 * Reads a DICOMDIR's referenced files (Referenced File ID of every directory record), resolved
 * inside the DICOMDIR's folder; references that escape the folder or do not exist are reported.
 */
final class DicomDirectory {
  private DicomDirectory() {}

  static List<DicomSource> referencedFiles(
      DicomReader reader, Path dicomdir, List<Catalog.FileProblem> problems) {
    Path root = dicomdir.toAbsolutePath().getParent();
    List<String> ids = DicomDirectoryRecords.referencedFileIds(dicomdir);
    List<DicomSource> sources = new ArrayList<>();
    for (String id : ids) {
      String relative = id.replace('\\', '/');
      if (!ZipArchives.safeName(relative)) {
        problems.add(
            new Catalog.FileProblem(
                id,
                DicomReadException.Reason.UNSAFE_ARCHIVE,
                "reference escapes the DICOMDIR folder"));
        continue;
      }
      Path file = root.resolve(relative).normalize();
      Path found = file;
      if (!Files.isRegularFile(found)) {
        // media written on case-insensitive systems: try the upper-cased ISO 9660 name
        found = root.resolve(relative.toUpperCase(java.util.Locale.ROOT)).normalize();
      }
      if (!found.startsWith(root) || !Files.isRegularFile(found)) {
        problems.add(
            new Catalog.FileProblem(
                id, DicomReadException.Reason.IO, "the DICOMDIR names a file that does not exist"));
        continue;
      }
      sources.add(DicomSource.file(found));
    }
    return sources;
  }
}
