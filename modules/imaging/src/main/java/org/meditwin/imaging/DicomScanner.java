package org.meditwin.imaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.meditwin.core.task.ProgressListener;

/**
 * Finds DICOM objects in a file, a folder (recursively), a DICOMDIR or a zip archive and sorts them
 * into patients, studies and series. Only headers are read; pixels are decoded later, on demand.
 * Every unreadable file is listed with its reason; the scan itself never fails because of one file.
 */
public final class DicomScanner {
  private static final int MAX_FOLDER_FILES = 200_000;

  private final DicomReader reader;
  private final ReadLimits limits;

  public DicomScanner(DicomReader reader, ReadLimits limits) {
    this.reader = reader;
    this.limits = limits;
  }

  public static DicomScanner standard() {
    return new DicomScanner(DicomReader.standard(), ReadLimits.standard());
  }

  /**
   * Scans {@code path}.
   *
   * @throws DicomReadException only when {@code path} itself cannot be opened (missing, unsafe
   *     archive); problems with single files are in {@link Catalog#problems()}
   */
  public Catalog scan(Path path, ProgressListener progress, AtomicBoolean cancelled) {
    if (!Files.exists(path)) {
      throw new DicomReadException(DicomReadException.Reason.IO, "no such file or folder");
    }
    List<DicomSource> sources = new ArrayList<>();
    List<Catalog.FileProblem> problems = new ArrayList<>();
    if (Files.isDirectory(path)) {
      sources.addAll(folder(path));
    } else if (isZip(path)) {
      sources.addAll(ZipArchives.entries(path, limits));
    } else if (path.getFileName().toString().equalsIgnoreCase("DICOMDIR")) {
      sources.addAll(DicomDirectory.referencedFiles(reader, path, problems));
    } else {
      sources.add(DicomSource.file(path));
    }
    List<Catalog.Instance> instances = new ArrayList<>();
    long total = sources.size();
    long done = 0;
    for (DicomSource source : sources) {
      if (cancelled.get()) {
        break;
      }
      try {
        DicomInfo info = reader.readInfo(source);
        if (isDirectory(info)) {
          continue;
        }
        instances.add(new Catalog.Instance(source, info));
      } catch (DicomReadException e) {
        problems.add(new Catalog.FileProblem(source.displayName(), e.reason(), e.getMessage()));
      }
      done++;
      progress.progress(done, total, "reading headers");
    }
    return new Catalog(group(instances), problems);
  }

  private static boolean isDirectory(DicomInfo info) {
    return "1.2.840.10008.1.3.10".equals(info.sopClass());
  }

  static boolean isZip(Path path) {
    try (var in = Files.newInputStream(path)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4
          && magic[0] == 'P'
          && magic[1] == 'K'
          && magic[2] == 3
          && magic[3] == 4;
    } catch (IOException e) {
      return false;
    }
  }

  private static List<DicomSource> folder(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      List<DicomSource> sources = new ArrayList<>();
      files
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .limit(MAX_FOLDER_FILES)
          .forEach(p -> sources.add(DicomSource.file(p)));
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Groups by patient, study and series; series in number order, slices by position. */
  static List<Catalog.PatientGroup> group(List<Catalog.Instance> instances) {
    Map<String, Map<String, Map<String, List<Catalog.Instance>>>> tree = new LinkedHashMap<>();
    for (Catalog.Instance i : instances) {
      DicomInfo d = i.info();
      String patient = d.patientId() + "\u0000" + d.patientName();
      String study = d.studyInstanceUid().isEmpty() ? "(no study uid)" : d.studyInstanceUid();
      String series = d.seriesInstanceUid().isEmpty() ? "(no series uid)" : d.seriesInstanceUid();
      tree.computeIfAbsent(patient, k -> new LinkedHashMap<>())
          .computeIfAbsent(study, k -> new LinkedHashMap<>())
          .computeIfAbsent(series, k -> new ArrayList<>())
          .add(i);
    }
    List<Catalog.PatientGroup> patients = new ArrayList<>();
    tree.forEach(
        (patientKey, studies) -> {
          List<Catalog.Study> studyList = new ArrayList<>();
          DicomInfo anyInPatient = null;
          for (var studyEntry : studies.entrySet()) {
            List<Catalog.Series> seriesList = new ArrayList<>();
            DicomInfo anyInStudy = null;
            for (var seriesEntry : studyEntry.getValue().entrySet()) {
              List<Catalog.Instance> sorted = new ArrayList<>(seriesEntry.getValue());
              sorted.sort(SLICE_ORDER);
              DicomInfo first = sorted.getFirst().info();
              anyInStudy = first;
              seriesList.add(
                  new Catalog.Series(
                      seriesEntry.getKey(),
                      first.seriesNumber(),
                      first.modality(),
                      first.seriesDescription(),
                      sorted));
            }
            seriesList.sort(Comparator.comparingInt(Catalog.Series::number));
            anyInPatient = anyInStudy;
            studyList.add(
                new Catalog.Study(
                    studyEntry.getKey(),
                    anyInStudy.studyDate(),
                    anyInStudy.studyDescription(),
                    anyInStudy.accessionNumber(),
                    seriesList));
          }
          studyList.sort(Comparator.comparing(Catalog.Study::date));
          patients.add(
              new Catalog.PatientGroup(
                  anyInPatient.patientName(), anyInPatient.patientId(), studyList));
        });
    patients.sort(Comparator.comparing(Catalog.PatientGroup::name));
    return patients;
  }

  /** Slice position along the normal when all have geometry, else instance number. */
  static final Comparator<Catalog.Instance> SLICE_ORDER =
      (a, b) -> {
        Optional<Double> pa = a.info().slicePosition();
        Optional<Double> pb = b.info().slicePosition();
        if (pa.isPresent() && pb.isPresent() && !pa.get().equals(pb.get())) {
          return Double.compare(pa.get(), pb.get());
        }
        int c = Integer.compare(a.info().instanceNumber(), b.info().instanceNumber());
        return c != 0 ? c : a.source().displayName().compareTo(b.source().displayName());
      };

  /** Number of entries in a zip without reading them (for tests and limits). */
  static int countEntries(Path zip) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      int n = 0;
      for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); e.nextElement()) {
        n++;
      }
      return n;
    }
  }
}
