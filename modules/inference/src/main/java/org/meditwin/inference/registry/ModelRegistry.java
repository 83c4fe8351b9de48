package org.meditwin.inference.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.core.task.TaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models under {@code models/<name>/}: each folder holds {@code model.json} and {@code
 * MODEL.md}. Checksums are verified before anything is loaded; a missing or corrupt model yields a
 * {@link ModelStatus} and a clear message, never a crash.
 */
public final class ModelRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  public static final String DESCRIPTOR = "model.json";
  public static final String MODEL_CARD = "MODEL.md";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path root;
  private final Map<String, ModelEntry> verified = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<?>> loads = new ConcurrentHashMap<>();

  private ModelRegistry(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public static ModelRegistry open(Path modelsDir) {
    return new ModelRegistry(modelsDir);
  }

  public Path root() {
    return root;
  }

  /** Every model folder, sorted by name; checksums are not computed here. */
  public List<ModelEntry> list() {
    List<ModelEntry> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        ModelEntry cached = verified.get(name);
        out.add(cached != null ? cached : read(dir));
      }
    } catch (IOException e) {
      LOG.warn("cannot list models folder: {}", e.getMessage());
    }
    out.sort(Comparator.comparing(ModelEntry::name));
    return out;
  }

  /** Lists and verifies every model (hashes every file once per registry). */
  public List<ModelEntry> listVerified() {
    return list().stream().map(e -> verify(e.name())).toList();
  }

  public Optional<ModelEntry> find(String name) {
    Path dir = root.resolve(name).normalize();
    if (!dir.startsWith(root) || !Files.isDirectory(dir)) {
      return Optional.empty();
    }
    return Optional.of(read(dir));
  }

  /** Reads the descriptor and checks every file's size and SHA-256. Cached once verified. */
  public ModelEntry verify(String name) {
    ModelEntry cached = verified.get(name);
    if (cached != null) {
      return cached;
    }
    ModelEntry entry =
        find(name)
            .orElseGet(
                () ->
                    new ModelEntry(
                        name,
                        root.resolve(name),
                        Optional.empty(),
                        ModelStatus.MISSING_FILE,
                        "model '" + name + "' is not installed in " + root));
    if (entry.descriptor().isEmpty()) {
      return entry;
    }
    ModelDescriptor d = entry.descriptor().get();
    for (ModelFile f : d.files()) {
      Optional<String> problem = check(entry.folder(), f);
      if (problem.isPresent()) {
        String p = problem.get();
        ModelStatus status =
            p.startsWith("missing") ? ModelStatus.MISSING_FILE : ModelStatus.CHECKSUM_MISMATCH;
        LOG.warn("model {} failed verification: {}", name, p);
        return new ModelEntry(name, entry.folder(), entry.descriptor(), status, p);
      }
    }
    ModelEntry ok =
        new ModelEntry(name, entry.folder(), entry.descriptor(), ModelStatus.VERIFIED, "verified");
    verified.put(name, ok);
    return ok;
  }

  /**
   * The verified descriptor of {@code name}.
   *
   * @throws ModelUnavailableException with a user-facing message when missing or corrupt
   */
  public ModelDescriptor requireVerified(String name) {
    ModelEntry e = verify(name);
    if (!e.status().usable() || e.descriptor().isEmpty()) {
      throw new ModelUnavailableException(
          name, e.status(), "Model '" + name + "' cannot be used: " + e.detail());
    }
    return e.descriptor().get();
  }

  /**
   * Verifies then loads {@code name} in the background once; later calls return the same future.
   * Progress goes to the executor's status bar; a failed load completes the future exceptionally
   * with a {@link ModelUnavailableException} and is retried on the next call.
   */
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> loadInBackground(
      String name, TaskExecutor executor, ModelLoader<T> loader) {
    CompletableFuture<?> existing = loads.get(name);
    if (existing != null && !existing.isCompletedExceptionally()) {
      return (CompletableFuture<T>) existing;
    }
    CompletableFuture<T> future =
        executor.submit(
            "Loading model " + name,
            progress -> {
              progress.progress(0, 3, "Verifying " + name);
              ModelDescriptor d = requireVerified(name);
              progress.progress(1, 3, "Loading " + name);
              try {
                T model = loader.load(d, root.resolve(name), sub(progress));
                progress.progress(3, 3, name + " ready");
                return model;
              } catch (ModelUnavailableException e) {
                throw e;
              } catch (Exception | LinkageError e) {
                LOG.warn("model {} failed to load: {}", name, e.toString());
                throw new ModelUnavailableException(
                    name, "Model '" + name + "' failed to load: " + e.getMessage(), e);
              }
            });
    loads.put(name, future);
    return future;
  }

  private static ProgressListener sub(ProgressListener parent) {
    return (done, total, message) ->
        parent.progress(total > 0 ? 1 + done / Math.max(1, total) : 1, 3, message);
  }

  /** Writes {@code model.json} (pretty-printed, stable key order). */
  public static void writeDescriptor(ModelDescriptor d, Path folder) throws IOException {
    Files.createDirectories(folder);
    JSON.writeValue(folder.resolve(DESCRIPTOR).toFile(), d);
  }

  public static ModelDescriptor readDescriptor(Path folder) throws IOException {
    return JSON.readValue(folder.resolve(DESCRIPTOR).toFile(), ModelDescriptor.class);
  }

  private ModelEntry read(Path dir) {
    String name = dir.getFileName().toString();
    Path json = dir.resolve(DESCRIPTOR);
    if (!Files.isRegularFile(json)) {
      return new ModelEntry(
          name,
          dir,
          Optional.empty(),
          ModelStatus.INVALID_DESCRIPTOR,
          "no model.json in the folder");
    }
    try {
      ModelDescriptor d = readDescriptor(dir);
      if (!d.name().equals(name)) {
        return new ModelEntry(
            name,
            dir,
            Optional.empty(),
            ModelStatus.INVALID_DESCRIPTOR,
            "model.json names '" + d.name() + "' but the folder is '" + name + "'");
      }
      return new ModelEntry(name, dir, Optional.of(d), ModelStatus.UNVERIFIED, "not verified yet");
    } catch (JsonProcessingException e) {
      return new ModelEntry(
          name,
          dir,
          Optional.empty(),
          ModelStatus.INVALID_DESCRIPTOR,
          "model.json is invalid: " + e.getOriginalMessage());
    } catch (IOException | IllegalArgumentException e) {
      return new ModelEntry(
          name,
          dir,
          Optional.empty(),
          ModelStatus.INVALID_DESCRIPTOR,
          "model.json cannot be read: " + e.getMessage());
    }
  }

  private static Optional<String> check(Path folder, ModelFile f) {
    try {
      String actual;
      if (f.onClassPath()) {
        String resource = f.path().substring(ModelFile.CLASSPATH.length());
        try (InputStream in = ModelRegistry.class.getResourceAsStream(resource)) {
          if (in == null) {
            return Optional.of("missing class-path resource " + resource);
          }
          actual = Sha256.of(in);
        }
      } else {
        Path p = folder.resolve(f.path()).normalize();
        if (!p.startsWith(folder) || !Files.isRegularFile(p)) {
          return Optional.of("missing file " + f.path());
        }
        if (f.bytes() >= 0 && Files.size(p) != f.bytes()) {
          return Optional.of(
              "file " + f.path() + " has " + Files.size(p) + " bytes, expected " + f.bytes());
        }
        actual = Sha256.of(p);
      }
      if (!actual.equals(f.sha256())) {
        return Optional.of("checksum mismatch for " + f.path() + " (corrupt or modified)");
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("missing or unreadable file " + f.path() + ": " + e.getMessage());
    }
  }
}
