package org.meditwin.imaging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.meditwin.imaging.DicomReadException.Reason;

/**
 * Lists the entries of a zip archive as {@link DicomSource}s, refusing zip-slip names (absolute,
 * "..", drive letters), too many entries and too many uncompressed bytes. Entries are never
 * extracted: they are read from the archive when needed.
 */
final class ZipArchives {
  private ZipArchives() {}

  static List<DicomSource> entries(Path archive, ReadLimits limits) {
    List<DicomSource> sources = new ArrayList<>();
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      long total = 0;
      int count = 0;
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (entry.isDirectory()) {
          continue;
        }
        String name = entry.getName();
        if (!safeName(name)) {
          throw new DicomReadException(
              Reason.UNSAFE_ARCHIVE, "the archive contains an entry that escapes its folder");
        }
        if (++count > limits.maxArchiveEntries()) {
          throw new DicomReadException(
              Reason.UNSAFE_ARCHIVE,
              "the archive has more than " + limits.maxArchiveEntries() + " entries");
        }
        long size = entry.getSize();
        if (size < 0) {
          size = limits.maxFileBytes();
        }
        total += size;
        if (total > limits.maxArchiveBytes()) {
          throw new DicomReadException(
              Reason.UNSAFE_ARCHIVE,
              "the archive expands to more than " + (limits.maxArchiveBytes() >> 20) + " MiB");
        }
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (base.startsWith(".") || name.startsWith("__MACOSX/")) {
          continue;
        }
        sources.add(DicomSource.zipEntry(archive, name, Math.min(size, limits.maxFileBytes())));
      }
    } catch (IOException e) {
      throw new DicomReadException(Reason.IO, "cannot read the zip archive: " + e.getMessage(), e);
    }
    return sources;
  }

  static boolean safeName(String name) {
    if (name.isEmpty()
        || name.startsWith("/")
        || name.startsWith("\\")
        || name.indexOf('\u0000') >= 0
        || (name.length() > 1 && name.charAt(1) == ':')) {
      return false;
    }
    for (String part : name.split("[/\\\\]")) {
      if (part.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
