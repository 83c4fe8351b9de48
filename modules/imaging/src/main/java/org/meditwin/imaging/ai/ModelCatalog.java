package org.meditwin.imaging.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.inference.registry.ModelEntry;
import org.meditwin.inference.registry.ModelRegistry;

/**
 * Every image model under {@code models/}: each folder whose {@code model.json} has an {@code
 * image-*} task (or cannot be read at all) becomes an {@link Entry} with a status and a clear,
 * PHI-free message: bad JSON, missing file, checksum mismatch, unsupported engine or task. Folders
 * of text models are not listed. Checksums are verified once per catalog.
 */
public final class ModelCatalog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final List<Entry> entries;

  /** Why a model can or cannot be used. */
  public enum Status {
    READY,
    INVALID_DESCRIPTOR,
    MISSING_FILE,
    CHECKSUM_MISMATCH,
    UNSUPPORTED_ENGINE,
    UNSUPPORTED_TASK;

    public boolean usable() {
      return this == READY;
    }
  }

  /**
   * One model folder.
   *
   * @param detail "ready" or what is wrong, naming the file or field
   */
  public record Entry(
      String name,
      Path folder,
      Optional<ImageModelDescriptor> descriptor,
      Status status,
      String detail) {
    public boolean usable() {
      return status.usable() && descriptor.isPresent();
    }

    /** Whether this model's training data matches the image (modality, body part). */
    public Applicability applicability(DicomInfo info) {
      return descriptor
          .map(d -> ModelCatalog.applicability(d, info))
          .orElse(new Applicability(false, "Model " + name + " cannot be used: " + detail));
    }
  }

  /**
   * @param reason empty when applicable, else a sentence for the user
   */
  public record Applicability(boolean applicable, String reason) {
    public static Applicability yes() {
      return new Applicability(true, "");
    }
  }

  private ModelCatalog(Path root, List<Entry> entries) {
    this.root = root;
    this.entries = List.copyOf(entries);
  }

  /** Reads and verifies every model folder under {@code modelsDir} (missing folder = empty). */
  public static ModelCatalog scan(Path modelsDir) {
    Path root = modelsDir.toAbsolutePath().normalize();
    List<Entry> out = new ArrayList<>();
    if (Files.isDirectory(root)) {
      ModelRegistry registry = ModelRegistry.open(root);
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
        for (Path dir : dirs) {
          read(registry, dir).ifPresent(out::add);
        }
      } catch (IOException e) {
        out.add(
            new Entry(
                root.getFileName().toString(),
                root,
                Optional.empty(),
                Status.INVALID_DESCRIPTOR,
                "the models folder cannot be listed: " + e.getMessage()));
      }
    }
    out.sort(Comparator.comparing(Entry::name));
    return new ModelCatalog(root, out);
  }

  public Path root() {
    return root;
  }

  /** Every image model folder, sorted by name, usable or not. */
  public List<Entry> entries() {
    return entries;
  }

  public Optional<Entry> find(String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Usable models whose modality and body part match the image. */
  public List<Entry> applicableTo(DicomInfo info) {
    return entries.stream()
        .filter(Entry::usable)
        .filter(e -> e.applicability(info).applicable())
        .toList();
  }

  static Applicability applicability(ImageModelDescriptor d, DicomInfo info) {
    if (!info.hasPixelData()) {
      return new Applicability(false, "The object has no image.");
    }
    String modality = info.modality().toUpperCase(Locale.ROOT);
    List<String> wanted = d.input().modalities();
    String body = info.bodyPart().toUpperCase(Locale.ROOT);
    boolean modalityOk = wanted.isEmpty() || wanted.contains(modality);
    boolean bodyOk =
        d.input().bodyPart().isEmpty()
            || body.isEmpty()
            || body.contains(d.input().bodyPart().get().toUpperCase(Locale.ROOT));
    if (modalityOk && bodyOk) {
      return Applicability.yes();
    }
    String trainedOn =
        (wanted.isEmpty() ? "any modality" : String.join("/", wanted))
            + d.input().bodyPart().map(b -> " " + b.toUpperCase(Locale.ROOT)).orElse("");
    return new Applicability(
        false,
        "Caution: model "
            + d.name()
            + " was trained on "
            + trainedOn
            + " images; this image is "
            + (modality.isEmpty() ? "of unknown modality" : modality)
            + (body.isEmpty() ? "" : " " + body)
            + ", so its output here is not meaningful.");
  }

  private static Optional<Entry> read(ModelRegistry registry, Path dir) {
    String name = dir.getFileName().toString();
    Path json = dir.resolve(ModelRegistry.DESCRIPTOR);
    if (!Files.isRegularFile(json)) {
      return Optional.empty(); // not a model folder
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(json.toFile());
    } catch (IOException e) {
      return Optional.of(
          new Entry(
              name,
              dir,
              Optional.empty(),
              Status.INVALID_DESCRIPTOR,
              "model.json is not valid JSON: " + firstLine(e.getMessage())));
    }
    String task = tree.path("task").asText("");
    if (!task.startsWith("image-")) {
      return Optional.empty(); // a text model: not ours to list
    }
    if (ImageModelDescriptor.Task.of(task).isEmpty()) {
      return Optional.of(
          new Entry(
              name,
              dir,
              Optional.empty(),
              Status.UNSUPPORTED_TASK,
              "task '" + task + "' is not supported (image-classification, image-segmentation)"));
    }
    ImageModelDescriptor d;
    try {
      d = DescriptorReader.parse(tree, name);
    } catch (IllegalArgumentException e) {
      return Optional.of(
          new Entry(name, dir, Optional.empty(), Status.INVALID_DESCRIPTOR, e.getMessage()));
    }
    Optional<String> engineProblem = DescriptorReader.engineProblem(d);
    if (engineProblem.isPresent()) {
      return Optional.of(
          new Entry(name, dir, Optional.of(d), Status.UNSUPPORTED_ENGINE, engineProblem.get()));
    }
    ModelEntry verified = registry.verify(name);
    Status status =
        switch (verified.status()) {
          case VERIFIED -> Status.READY;
          case MISSING_FILE -> Status.MISSING_FILE;
          case CHECKSUM_MISMATCH -> Status.CHECKSUM_MISMATCH;
          case INVALID_DESCRIPTOR, UNVERIFIED -> Status.INVALID_DESCRIPTOR;
        };
    return Optional.of(
        new Entry(
            name, dir, Optional.of(d), status, status.usable() ? "ready" : verified.detail()));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
