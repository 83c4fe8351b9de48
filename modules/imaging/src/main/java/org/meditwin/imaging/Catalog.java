package org.meditwin.imaging;

import java.util.ArrayList;
import java.util.List;

/**
 * What a scan found: patients → studies → series → instances, and every file that could not be
 * read, each with its reason. Holds PHI (names, ids): keep it in memory only.
 */
public record Catalog(List<PatientGroup> patients, List<FileProblem> problems) {
  public Catalog {
    patients = List.copyOf(patients);
    problems = List.copyOf(problems);
  }

  /** One patient as the files name them (grouped by Patient ID, then name). */
  public record PatientGroup(String name, String id, List<Study> studies) {
    public PatientGroup {
      studies = List.copyOf(studies);
    }
  }

  public record Study(
      String uid, String date, String description, String accessionNumber, List<Series> series) {
    public Study {
      series = List.copyOf(series);
    }
  }

  /** A series; its instances in display order (slice position, then instance number). */
  public record Series(
      String uid, int number, String modality, String description, List<Instance> instances) {
    public Series {
      instances = List.copyOf(instances);
    }

    /** Every frame of every image instance, in scroll order. */
    public List<SliceRef> slices() {
      List<SliceRef> slices = new ArrayList<>();
      for (Instance instance : instances) {
        for (int f = 0; f < instance.info().frames(); f++) {
          slices.add(new SliceRef(instance, f));
        }
      }
      return slices;
    }

    public boolean hasImages() {
      return instances.stream().anyMatch(i -> i.info().hasPixelData());
    }
  }

  /** One object and where it is read from. */
  public record Instance(DicomSource source, DicomInfo info) {}

  /** One frame of one instance. */
  public record SliceRef(Instance instance, int frame) {}

  /** A file that was skipped, with the reason shown to the user. */
  public record FileProblem(String name, DicomReadException.Reason reason, String message) {}

  /**
   * Groups objects read elsewhere (e.g. from the imaging archive) into the same patient → study →
   * series shape, in the same order, as a scan.
   */
  public static Catalog of(List<Instance> instances, List<FileProblem> problems) {
    return new Catalog(DicomScanner.group(instances), problems);
  }

  public List<Series> allSeries() {
    List<Series> all = new ArrayList<>();
    for (PatientGroup p : patients) {
      for (Study s : p.studies()) {
        all.addAll(s.series());
      }
    }
    return all;
  }

  public int instanceCount() {
    return allSeries().stream().mapToInt(s -> s.instances().size()).sum();
  }
}
