package org.meditwin.imaging.pixelmed;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.meditwin.imaging.DicomReadException;
import org.meditwin.imaging.DicomReadException.Reason;
import org.meditwin.imaging.DicomSource;

/**
 * Decodes what PixelMed cannot (JPEG-LS, 12-bit lossy JPEG) with GDCM's {@code gdcmconv --raw},
 * reading the transcoded object from its standard output so no decoded copy touches the disk. An
 * archive entry (which gdcmconv cannot read from a pipe) is handed over through a private file in
 * {@code /dev/shm} (memory), deleted as soon as gdcmconv has read it (ADR 0121).
 */
final class GdcmFallback {
  private static final long MAX_OUTPUT = 1L << 30;

  private final Optional<Path> executable;
  private final Optional<String> version;

  private GdcmFallback(Optional<Path> executable, Optional<String> version) {
    this.executable = executable;
    this.version = version;
  }

  static GdcmFallback detect() {
    String override = System.getProperty("meditwin.imaging.gdcmconv");
    if (override != null) {
      Path p = Path.of(override);
      return Files.isExecutable(p)
          ? new GdcmFallback(Optional.of(p), versionOf(p))
          : new GdcmFallback(Optional.empty(), Optional.empty());
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, "gdcmconv");
      if (Files.isExecutable(candidate)) {
        return new GdcmFallback(Optional.of(candidate), versionOf(candidate));
      }
    }
    return new GdcmFallback(Optional.empty(), Optional.empty());
  }

  private static Optional<String> versionOf(Path exe) {
    try {
      Process p = new ProcessBuilder(exe.toString(), "--version").redirectErrorStream(true).start();
      String out =
          new String(p.getInputStream().readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      String line = out.lines().filter(l -> l.contains("gdcmconv")).findFirst().orElse("gdcmconv");
      return Optional.of(line.strip());
    } catch (IOException e) {
      return Optional.of("gdcmconv");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("gdcmconv");
    }
  }

  boolean available() {
    return executable.isPresent();
  }

  Optional<String> description() {
    return version;
  }

  /** The object transcoded to Explicit VR Little Endian, parsed in memory. */
  AttributeList transcode(DicomSource source) throws IOException, DicomException {
    Path exe = executable.orElseThrow();
    Path input;
    Path handover = null;
    if (source instanceof DicomSource.FileSource file) {
      input = file.path();
    } else {
      Path shm = Path.of("/dev/shm");
      if (!Files.isDirectory(shm)) {
        throw new DicomReadException(
            Reason.UNSUPPORTED_TRANSFER_SYNTAX,
            "this compressed archive entry needs GDCM and a memory file system (/dev/shm): extract"
                + " the archive and open the folder");
      }
      handover =
          Files.createTempFile(
              shm,
              "meditwin-",
              ".dcm",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (InputStream in = source.open()) {
        Files.copy(in, handover, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      input = handover;
    }
    try {
      Process p =
          new ProcessBuilder(List.of(exe.toString(), "--raw", input.toString(), "/dev/stdout"))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      byte[] out;
      try (InputStream stdout = p.getInputStream()) {
        out = stdout.readNBytes((int) Math.min(MAX_OUTPUT, Integer.MAX_VALUE - 16));
      }
      boolean done = p.waitFor(120, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
        throw new DicomReadException(Reason.CORRUPT, "GDCM did not finish decoding in time");
      }
      if (p.exitValue() != 0 || out.length < 132) {
        throw new DicomReadException(
            Reason.CORRUPT,
            "GDCM cannot decode this pixel data (gdcmconv exit " + p.exitValue() + ")");
      }
      AttributeList list = new AttributeList();
      list.read(new DicomInputStream(new ByteArrayInputStream(out)));
      return list;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DicomReadException(Reason.IO, "decoding was interrupted");
    } finally {
      if (handover != null) {
        Files.deleteIfExists(handover);
      }
    }
  }
}
