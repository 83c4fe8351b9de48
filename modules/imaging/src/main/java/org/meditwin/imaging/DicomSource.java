package org.meditwin.imaging;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where one DICOM object is read from: a file read in place, or an entry of a zip archive (read
 * from the archive each time, never extracted to disk: the data may carry PHI).
 */
public sealed interface DicomSource {

  /** Opens the object's bytes; the caller closes the stream. */
  InputStream open() throws IOException;

  /** Size in bytes (uncompressed for archive entries). */
  long size() throws IOException;

  /** A short name for messages in the UI (file or entry name). */
  String displayName();

  static DicomSource file(Path path) {
    return new FileSource(path);
  }

  static DicomSource zipEntry(Path archive, String entry, long size) {
    return new ZipEntrySource(archive, entry, size);
  }

  /** A file on disk. */
  record FileSource(Path path) implements DicomSource {
    @Override
    public InputStream open() throws IOException {
      return new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    }

    @Override
    public long size() throws IOException {
      return Files.size(path);
    }

    @Override
    public String displayName() {
      Path name = path.getFileName();
      return name == null ? path.toString() : name.toString();
    }
  }

  /** An entry of a zip archive (the name was checked for zip-slip when the archive was listed). */
  record ZipEntrySource(Path archive, String entry, long size) implements DicomSource {
    @Override
    public InputStream open() throws IOException {
      ZipFile zip = new ZipFile(archive.toFile());
      ZipEntry e = zip.getEntry(entry);
      if (e == null) {
        zip.close();
        throw new IOException("archive entry vanished");
      }
      InputStream in = new BoundedInputStream(zip.getInputStream(e), size);
      return new BufferedInputStream(
          new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
              try {
                super.close();
              } finally {
                zip.close();
              }
            }
          },
          1 << 16);
    }

    @Override
    public String displayName() {
      int slash = entry.lastIndexOf('/');
      return slash < 0 ? entry : entry.substring(slash + 1);
    }
  }
}
